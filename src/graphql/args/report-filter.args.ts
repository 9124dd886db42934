import { ArgsType, Field, Int } from "type-graphql";
import type { ReportFilter } from "../../db/queries/report.queries.js";
import { DateTimeScalar, type InvalidScalarValue } from "../scalars.js";
import { Grade, Maturity } from "../types/enums.type.js";
import { dateTimeArgument, intInRange, perlSeriesArgument, perlVersionArgument } from "./arguments.js";
import { ConnectionArgs } from "./connection.args.js";

@ArgsType()
export class ReportFilterArgs extends ConnectionArgs {
  @Field(() => Grade, { nullable: true, description: "Only reports of this grade." })
  grade?: Grade | null;

  @Field(() => String, { nullable: true, description: "Only reports on exactly this perl, e.g. `5.36.1`." })
  perl?: string | null;

  @Field(() => String, { nullable: true, description: "Only reports on this perl series, e.g. `5.36`." })
  perlSeries?: string | null;

  @Field(() => Maturity, { nullable: true, description: "Only reports on stable, or on development, perls." })
  perlMaturity?: Maturity | null;

  @Field(() => String, { nullable: true, description: "Only reports from this OS (`$^O`), e.g. `linux`." })
  osname?: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: "Only reports submitted at or after this time." })
  submittedFrom?: Date | InvalidScalarValue | null;

  @Field(() => DateTimeScalar, { nullable: true, description: "Only reports submitted before this time." })
  submittedBefore?: Date | InvalidScalarValue | null;
}

@ArgsType()
export class ReportListArgs extends ReportFilterArgs {
  @Field(() => Int, {
    nullable: true,
    description:
      "Only reports with a greater sequential id, oldest first: for consumers that page through every report " +
      "by id. Without it, the newest come first.",
  })
  sinceId?: number | null;

  @Field(() => String, { nullable: true, description: "Only reports of this distribution." })
  dist?: string | null;
}

/** The filter of the arguments, each value checked and named in the error when it is not allowed. */
export function toReportFilter(args: ReportFilterArgs): ReportFilter {
  const filter: ReportFilter = {};
  if (args.grade) filter.grades = [args.grade];
  if (args.perl != null) filter.perls = [perlVersionArgument("perl", args.perl)];
  if (args.perlSeries != null) filter.perlSeries = perlSeriesArgument("perlSeries", args.perlSeries);
  if (args.perlMaturity) filter.perlMaturity = args.perlMaturity;
  if (args.osname != null) filter.osnames = [args.osname];
  const from = dateTimeArgument("submittedFrom", args.submittedFrom);
  const before = dateTimeArgument("submittedBefore", args.submittedBefore);
  if (from) filter.submittedFrom = from;
  if (before) filter.submittedBefore = before;
  return filter;
}

export function sinceIdArgument(value: number | null | undefined): number | undefined {
  return value == null ? undefined : intInRange("sinceId", value, 0, 2 ** 31 - 1);
}
