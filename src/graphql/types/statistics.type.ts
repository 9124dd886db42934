import { Field, Float, Int, ObjectType, registerEnumType } from "type-graphql";
import { cacheFor, inheritCache, MaxAge } from "../execution/cache-hints.js";
import { DateScalar, DateTimeScalar } from "../scalars.js";
import { GradeCounts } from "./grade-counts.type.js";

@ObjectType({
  simpleResolvers: true,
  description: "Statistics read from the rollups the ETL keeps; none of them scans the reports.",
})
@cacheFor(MaxAge.statistics)
export class Statistics {}

@ObjectType({ simpleResolvers: true, description: "Reports of one day or month, by grade." })
@inheritCache()
export class PeriodReportCounts extends GradeCounts {
  @Field(() => DateScalar, { description: "The day, or the first day of the month." })
  period!: string;
}

@ObjectType({
  simpleResolvers: true,
  description: "Reports on one OS with one perl series over a range of months, by grade.",
})
@inheritCache()
export class OsPerlReportCounts extends GradeCounts {
  @Field(() => String, { description: "OS name." })
  osname!: string;

  @Field(() => String, { description: "Perl series, `5.36`." })
  perlSeries!: string;
}

@ObjectType({ simpleResolvers: true, description: "Testers active in one month." })
@inheritCache()
export class TesterMonth {
  @Field(() => DateScalar, { description: "The first day of the month." })
  month!: string;

  @Field(() => Int, { description: "Testers who sent at least one report that month." })
  testers!: number;

  @Field(() => Int, { description: "Reports they sent." })
  reports!: number;
}

@ObjectType({ simpleResolvers: true, description: "Reports received in one hour, by grade." })
@cacheFor(MaxAge.rate)
export class HourReportCounts extends GradeCounts {
  @Field(() => DateTimeScalar, { description: "The start of the hour (UTC)." })
  hour!: Date;
}

@ObjectType({ simpleResolvers: true, description: "How fast reports arrive, from the hourly rollup." })
@cacheFor(MaxAge.rate)
export class SubmissionRate {
  @Field(() => Int, { description: "The hours covered, ending with the current one." })
  hours!: number;

  @Field(() => Int, { description: "Reports received in those hours." })
  reports!: number;

  @Field(() => Float, { description: "Average reports per minute over those hours." })
  reportsPerMinute!: number;

  @Field(() => [HourReportCounts], { description: "Reports per hour, oldest first; hours without reports are absent." })
  perHour!: HourReportCounts[];
}

export enum StatisticsDimension {
  OSNAME = "osname",
  PERL_SERIES = "perlSeries",
}
registerEnumType(StatisticsDimension, {
  name: "StatisticsDimension",
  description: "What a share or a trend groups reports by.",
  valuesConfig: {
    OSNAME: { description: "The OS as perl names it (`$^O`)." },
    PERL_SERIES: { description: "The perl series, `5.36`." },
  },
});

@ObjectType({
  simpleResolvers: true,
  description: "One OS's or perl series' reports over a range of months, by grade, and its share of all of them.",
})
@inheritCache()
export class ShareCounts extends GradeCounts {
  @Field(() => String, { description: "The OS name or the perl series." })
  key!: string;

  @Field(() => Float, { description: "Its reports as a fraction of every report in the range, 0..1." })
  share!: number;
}

@ObjectType({ simpleResolvers: true, description: "Reports received in one hour of the week, over a range of months." })
@inheritCache()
export class WeekHourCount {
  @Field(() => Int, { description: "ISO weekday of arrival (UTC): 1 Monday .. 7 Sunday." })
  weekday!: number;

  @Field(() => Int, { description: "Hour of arrival (UTC), 0..23." })
  hour!: number;

  @Field(() => Int, { description: "Reports received in that hour of the week." })
  reports!: number;
}

@ObjectType({
  simpleResolvers: true,
  description: "One month of a trend: its reports by grade and the change from the month before.",
})
@inheritCache()
export class TrendMonth extends GradeCounts {
  @Field(() => DateScalar, { description: "The first day of the month." })
  period!: string;

  @Field(() => Float, {
    nullable: true,
    description:
      "Change of `total` from the month before, as a fraction (0.25 is 25% more); null for the first month or after a month without reports.",
  })
  change!: number | null;
}

@ObjectType({ simpleResolvers: true, description: "Reports of one OS or perl series month by month." })
@inheritCache()
export class Trend {
  @Field(() => String, { description: "The OS name or the perl series." })
  key!: string;

  @Field(() => Int, { description: "Its reports over the whole range." })
  total!: number;

  @Field(() => [TrendMonth], {
    description:
      "Every month from the first to the last month with reports of any trend returned, oldest first; months without reports count zero.",
  })
  months!: TrendMonth[];
}
