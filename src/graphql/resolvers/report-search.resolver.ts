import { Args, ArgsType, Ctx, Field, Query, Resolver } from "type-graphql";
import { excerpts, searchFor } from "../../analysis/index.js";
import { searchReportTexts } from "../../db/queries/report-search.queries.js";
import type { ReportFilter } from "../../db/queries/report.queries.js";
import { badArgument, dateTimeArgument, intInRange, perlSeriesArgument } from "../args/arguments.js";
import { ConnectionArgs } from "../args/connection.args.js";
import { decodeCursor, encodeCursor, type CursorKey } from "../args/cursor.js";
import { cacheFor, MaxAge } from "../execution/cache-hints.js";
import type { GraphQLContext } from "../context.js";
import { DateTimeScalar, type InvalidScalarValue } from "../scalars.js";
import { ReportSearchHitConnection, type ReportSearchHit } from "../types/report-search.type.js";
import { type Connection, toConnection } from "../types/connection.type.js";
import { Grade } from "../types/enums.type.js";
import { toReport } from "../types/report.type.js";

/** Search text: at least 3 characters (what a trigram index can look up), at most 200. */
export const SEARCH_TEXT_LENGTH = { min: 3, max: 200 } as const;
const MAX_SEARCH_PAGE = 50;

@ArgsType()
class SearchReportsArgs extends ConnectionArgs {
  @Field(() => String, {
    description: `Text the report's output contains, ignoring case: ${SEARCH_TEXT_LENGTH.min}..${SEARCH_TEXT_LENGTH.max} characters, e.g. \`Can't locate Foo/Bar.pm\`.`,
  })
  text!: string;

  @Field(() => String, { nullable: true, description: "Only reports of this distribution." })
  dist?: string | null;

  @Field(() => String, { nullable: true, description: "Only reports of this version (with `dist`)." })
  version?: string | null;

  @Field(() => Grade, { nullable: true, description: "Only reports of this grade (passes are not searched)." })
  grade?: Grade | null;

  @Field(() => String, {
    nullable: true,
    description: "Only reports on this perl: a series (`5.40`) or a version (`5.41.7`).",
  })
  perl?: string | null;

  @Field(() => String, { nullable: true, description: "Only reports from this OS (`$^O`)." })
  osname?: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: "Only reports submitted at or after this time." })
  since?: Date | InvalidScalarValue | null;
}

const isRankAndId = (key: CursorKey): key is [number, number] =>
  key.length === 2 && typeof key[0] === "number" && Number.isSafeInteger(key[1]);

function searchFilter(args: SearchReportsArgs): ReportFilter {
  const filter: ReportFilter = {};
  if (args.dist != null) filter.dist = args.dist;
  if (args.version != null) {
    if (args.dist == null) throw badArgument("version", "a version together with `dist`", args.version);
    filter.version = args.version;
  }
  if (args.grade) filter.grades = [args.grade];
  if (args.perl != null) {
    if (/^5\.\d{1,3}\.\d{1,3}/.test(args.perl)) filter.perls = [args.perl];
    else filter.perlSeries = perlSeriesArgument("perl", args.perl);
  }
  if (args.osname != null) filter.osnames = [args.osname];
  const since = dateTimeArgument("since", args.since);
  if (since) filter.submittedFrom = since;
  return filter;
}

/** Search in the output of reports (the analysis indexes every non-pass report's text). */
@Resolver()
export class ReportSearchResolver {
  @Query(() => ReportSearchHitConnection, {
    description:
      "Reports whose output contains `text` (ignoring case), best ranked first, with excerpts around the matches. " +
      "Every non-pass report's output is searched (up to 64 KiB of it: its head and its tail); passes are not.",
  })
  @cacheFor(MaxAge.counts)
  async searchReports(
    @Args(() => SearchReportsArgs) args: SearchReportsArgs,
    @Ctx() { db }: GraphQLContext,
  ): Promise<Connection<ReportSearchHit>> {
    const text = args.text.trim();
    if (text.length < SEARCH_TEXT_LENGTH.min || text.length > SEARCH_TEXT_LENGTH.max) {
      throw badArgument("text", `${SEARCH_TEXT_LENGTH.min}..${SEARCH_TEXT_LENGTH.max} characters`, args.text);
    }
    const first = intInRange("first", args.first, 1, MAX_SEARCH_PAGE);
    const after = args.after ? decodeCursor("search", args.after, isRankAndId) : undefined;
    const rows = await searchReportTexts(db, {
      ...searchFor(text),
      filter: searchFilter(args),
      limit: first,
      ...(after ? { after: { rank: after[0], id: after[1] } } : {}),
    });
    return toConnection(
      rows,
      first,
      Boolean(args.after),
      (row) => encodeCursor("search", [row.rank, row.report.id]),
      (row) => ({ report: toReport(row.report), rank: row.rank, excerpts: excerpts(row.window, text) }),
    );
  }
}
