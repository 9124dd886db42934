import { Field, Float, Int, ObjectType } from "type-graphql";
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
