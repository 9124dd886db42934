import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, Int, Query, Resolver } from "type-graphql";
import { mostFailingReleases } from "../../db/queries/release.queries.js";
import {
  monthlyReportsBy,
  osPerlMatrix,
  reportsBy,
  reportsByWeekHour,
  reportsPerDay,
  reportsPerHour,
  reportsPerMonth,
  testersPerMonth,
} from "../../db/queries/statistics.queries.js";
import { perlSeriesName } from "../../report/perl.js";
import { badArgument, dateArgument, intInRange, perlSeriesArgument } from "../args/arguments.js";
import type { GraphQLContext } from "../context.js";
import { DateScalar, type InvalidScalarValue } from "../scalars.js";
import { Release, toRelease } from "../types/release.type.js";
import { byName, byNumbersDescending } from "../types/sorting.js";
import {
  HourReportCounts,
  OsPerlReportCounts,
  PeriodReportCounts,
  ShareCounts,
  Statistics,
  StatisticsDimension,
  SubmissionRate,
  TesterMonth,
  Trend,
  TrendMonth,
  WeekHourCount,
} from "../types/statistics.type.js";
import { gradesOf, withTotal } from "../types/grade-counts.type.js";

const MAX_DAYS = 366;
const MAX_MONTHS = 240;
const MAX_HOURS = 168;
const MAX_SHARES = 100;
const MAX_TRENDS = 20;

@ArgsType()
class RangeArgs {
  @Field(() => DateScalar, { description: "The first day (or month: any day in it), inclusive." })
  from!: string | InvalidScalarValue;

  @Field(() => DateScalar, { description: "The last day (or month: any day in it), inclusive." })
  to!: string | InvalidScalarValue;
}

@ArgsType()
class SeriesArgs extends RangeArgs {
  @Field(() => String, { nullable: true, description: "Only reports from this OS, e.g. `linux`." })
  osname?: string | null;

  @Field(() => String, { nullable: true, description: "Only reports on this perl series, e.g. `5.36`." })
  perlSeries?: string | null;
}

const DAY_MS = 86_400_000;
const monthStart = (day: string) => `${day.slice(0, 7)}-01`;
const monthsBetween = (from: string, to: string) =>
  (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7)) + 1;

/** from and to, checked: a real range of at most `max` days or months. */
function range(args: RangeArgs, unit: "day" | "month") {
  let from = dateArgument("from", args.from);
  let to = dateArgument("to", args.to);
  if (unit === "month") [from, to] = [monthStart(from), monthStart(to)];
  if (to < from) throw badArgument("to", `on or after from (${from})`, to);
  const length = unit === "day" ? (Date.parse(to) - Date.parse(from)) / DAY_MS + 1 : monthsBetween(from, to);
  const max = unit === "day" ? MAX_DAYS : MAX_MONTHS;
  if (length > max) throw badArgument("to", `at most ${max} ${unit}s after from`, to);
  return { from, to };
}

@ArgsType()
class ShareArgs extends RangeArgs {
  @Field(() => StatisticsDimension, { description: "Group by OS or by perl series." })
  by!: StatisticsDimension;

  @Field(() => Int, { defaultValue: 20, description: `How many, most reports first: 1..${MAX_SHARES}.` })
  first!: number;
}

@ArgsType()
class TrendArgs extends RangeArgs {
  @Field(() => StatisticsDimension, { description: "One trend per OS, or per perl series." })
  by!: StatisticsDimension;

  @Field(() => Int, {
    defaultValue: 8,
    description: `How many trends: those with the most reports over the range, 1..${MAX_TRENDS}.`,
  })
  first!: number;
}

/** Every month from `from` to `to` (first days), inclusive. */
function monthsFrom(from: string, to: string): string[] {
  const months: string[] = [];
  for (let year = Number(from.slice(0, 4)), month = Number(from.slice(5, 7)); ; month++) {
    if (month > 12) [year, month] = [year + 1, 1];
    const period = `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-01`;
    if (period > to) return months;
    months.push(period);
  }
}

const ZERO = { pass: 0, fail: 0, na: 0, unknown: 0 };

function series(args: SeriesArgs) {
  return {
    ...(args.osname != null ? { osname: args.osname } : {}),
    // Rollups name a series as reports do ("5.36"), so "5.036" asks for the same rows.
    ...(args.perlSeries != null
      ? { perlSeries: perlSeriesName(perlSeriesArgument("perlSeries", args.perlSeries)) }
      : {}),
  };
}

@Resolver(() => Statistics)
export class StatisticsResolver {
  @Query(() => Statistics, { description: "Report statistics from the ETL's rollups." })
  statistics(): Statistics {
    return new Statistics();
  }

  @FieldResolver(() => [PeriodReportCounts], {
    description: `Reports per day by grade, oldest first; at most ${MAX_DAYS} days. Days without reports are absent.`,
  })
  async reportsPerDay(@Args(() => SeriesArgs) args: SeriesArgs, @Ctx() { db }: GraphQLContext) {
    return (await reportsPerDay(db, { ...range(args, "day"), ...series(args) })).map(withTotal);
  }

  @FieldResolver(() => [PeriodReportCounts], {
    description: `Reports per month by grade, oldest first; at most ${MAX_MONTHS} months.`,
  })
  async reportsPerMonth(@Args(() => SeriesArgs) args: SeriesArgs, @Ctx() { db }: GraphQLContext) {
    return (await reportsPerMonth(db, { ...range(args, "month"), ...series(args) })).map(withTotal);
  }

  @FieldResolver(() => [OsPerlReportCounts], {
    description: `Reports by OS and perl series over whole months (at most ${MAX_MONTHS}): the OS x perl matrix.`,
  })
  async osPerlMatrix(@Args(() => RangeArgs) args: RangeArgs, @Ctx() { db }: GraphQLContext) {
    const rows = await osPerlMatrix(db, range(args, "month"));
    // Sorted here, the way the release matrix is, rather than by whatever collation the database has.
    return rows
      .map(withTotal)
      .sort((a, b) => byName(a.osname, b.osname) || byNumbersDescending(a.perlSeries, b.perlSeries));
  }

  @FieldResolver(() => [TesterMonth], { description: `Active testers per month, oldest first; at most ${MAX_MONTHS}.` })
  async testersPerMonth(@Args(() => RangeArgs) args: RangeArgs, @Ctx() { db }: GraphQLContext) {
    return testersPerMonth(db, range(args, "month"));
  }

  @FieldResolver(() => [Release], { description: "The releases with the most failure reports, most first." })
  async mostFailingReleases(
    @Arg("first", () => Int, { defaultValue: 20, description: "How many: 1..100." }) first: number,
    @Ctx() { db }: GraphQLContext,
  ): Promise<Release[]> {
    const rows = await mostFailingReleases(db, intInRange("first", first, 1, 100));
    return rows.map((row) => toRelease(row, row));
  }

  @FieldResolver(() => [ShareCounts], {
    description:
      `Reports by OS or by perl series over whole months (at most ${MAX_MONTHS}), most first, each with its share ` +
      "of every report in the range: the share charts.",
  })
  async shares(@Args(() => ShareArgs) args: ShareArgs, @Ctx() { db }: GraphQLContext): Promise<ShareCounts[]> {
    const first = intInRange("first", args.first, 1, MAX_SHARES);
    const rows = (await reportsBy(db, args.by, range(args, "month"))).map(withTotal);
    const all = rows.reduce((sum, row) => sum + row.total, 0);
    return rows
      .sort((a, b) => b.total - a.total || byName(a.key, b.key))
      .slice(0, first)
      .map((row) => Object.assign(new ShareCounts(), row, { share: all === 0 ? 0 : row.total / all }));
  }

  @FieldResolver(() => [Trend], {
    description:
      `Reports month by month of the OSes or perl series with the most reports over whole months (at most ` +
      `${MAX_MONTHS}), most first, with the change from month to month.`,
  })
  async trends(@Args(() => TrendArgs) args: TrendArgs, @Ctx() { db }: GraphQLContext): Promise<Trend[]> {
    const first = intInRange("first", args.first, 1, MAX_TRENDS);
    const months = range(args, "month");
    const totals = (await reportsBy(db, args.by, months))
      .map(withTotal)
      .sort((a, b) => b.total - a.total || byName(a.key, b.key))
      .slice(0, first);
    const rows = await monthlyReportsBy(
      db,
      args.by,
      months,
      totals.map((row) => row.key),
    );
    if (rows.length === 0) return [];
    const periods = monthsFrom(rows[0]!.period, rows.at(-1)!.period);
    const byKey = new Map(totals.map((row) => [row.key, new Map<string, (typeof rows)[number]>()]));
    for (const row of rows) byKey.get(row.key)?.set(row.period, row);
    return totals.map(({ key, total }) => {
      let previous = 0;
      const points = periods.map((period) => {
        const counts = withTotal(byKey.get(key)?.get(period) ?? ZERO);
        const change = previous === 0 ? null : (counts.total - previous) / previous;
        previous = counts.total;
        return Object.assign(new TrendMonth(), { ...gradesOf(counts), period, change });
      });
      return Object.assign(new Trend(), { key, total, months: points });
    });
  }

  @FieldResolver(() => [WeekHourCount], {
    description:
      `Reports received by weekday and hour (UTC) over whole months (at most ${MAX_MONTHS}): when in the week ` +
      "reports arrive. Monday first; hours without reports are absent.",
  })
  async weekHours(@Args(() => RangeArgs) args: RangeArgs, @Ctx() { db }: GraphQLContext): Promise<WeekHourCount[]> {
    const rows = await reportsByWeekHour(db, range(args, "month"));
    return rows.map((row) => Object.assign(new WeekHourCount(), row));
  }

  @FieldResolver(() => SubmissionRate, { description: "Reports received per hour over the last hours." })
  async submissionRate(
    @Arg("hours", () => Int, { defaultValue: 24, description: `How many hours back: 1..${MAX_HOURS}.` })
    hours: number,
    @Ctx() { db }: GraphQLContext,
  ): Promise<SubmissionRate> {
    intInRange("hours", hours, 1, MAX_HOURS);
    const currentHour = Math.floor(Date.now() / 3_600_000) * 3_600_000;
    const rows = (await reportsPerHour(db, new Date(currentHour - (hours - 1) * 3_600_000))).map(withTotal);
    const reports = rows.reduce((sum, row) => sum + row.total, 0);
    return Object.assign(new SubmissionRate(), {
      hours,
      reports,
      // Over the hours covered so far: the current hour counts only the minutes that have passed.
      reportsPerMinute: reports / ((hours - 1) * 60 + (Date.now() - currentHour) / 60_000),
      perHour: rows.map((row) => Object.assign(new HourReportCounts(), row)),
    });
  }
}
