import { Arg, Args, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from "type-graphql";
import { machinesOfTester, reportCountsOfTester, testerReportPage } from "../../db/queries/tester-page.queries.js";
import { isUuid } from "../../report/index.js";
import { intInRange } from "../args/arguments.js";
import { ConnectionArgs, pageSize } from "../args/connection.args.js";
import { type CursorKey, decodeCursor, encodeCursor } from "../args/cursor.js";
import { cacheFor, MaxAge } from "../execution/cache-hints.js";
import type { GraphQLContext } from "../context.js";
import { type Connection, toConnection } from "../types/connection.type.js";
import { GradeCounts, withTotal } from "../types/grade-counts.type.js";
import { parseGlobalId, NodeKind } from "../types/node.type.js";
import { type Report, ReportConnection, toReport } from "../types/report.type.js";
import { byName, byNumbersDescending } from "../types/sorting.js";
import { Tester, TesterMachine, toTester } from "../types/tester.type.js";

const MAX_MACHINES = 500;
const isOneNumber = (key: CursorKey): key is [number] => key.length === 1 && Number.isSafeInteger(key[0]);

/** The tester id behind the page's address: the profile's UUID, or its global id. */
function testerKey(id: string): string | null {
  if (isUuid(id)) return id.toLowerCase();
  const global = parseGlobalId(id);
  return global?.kind === NodeKind.Tester && isUuid(global.key) ? global.key.toLowerCase() : null;
}

@Resolver(() => Tester)
export class TesterResolver {
  @Query(() => Tester, {
    nullable: true,
    description: "A tester by profile id (the UUID of `metabase:user:<uuid>`) or global id; null if unknown.",
  })
  async tester(
    @Arg("id", () => ID, { description: "The tester's UUID, or a Tester global id." }) id: string,
    @Ctx() { loaders }: GraphQLContext,
  ): Promise<Tester | null> {
    const key = testerKey(id);
    const row = key ? await loaders.testerById.load(key) : null;
    return row ? toTester(row) : null;
  }

  @FieldResolver(() => ReportConnection, { description: "The reports this tester submitted, newest arrival first." })
  @cacheFor(MaxAge.counts)
  async reports(
    @Root() tester: Tester,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Ctx() { db }: GraphQLContext,
  ): Promise<Connection<Report>> {
    const first = pageSize(args);
    const name = "tester:reports";
    const afterSeq = args.after ? decodeCursor(name, args.after, isOneNumber)[0] : undefined;
    const rows = await testerReportPage(db, tester.testerId, {
      limit: first,
      ...(afterSeq === undefined ? {} : { afterSeq }),
    });
    return toConnection(
      rows,
      first,
      Boolean(args.after),
      (row) => encodeCursor(name, [row.seq]),
      (row) => toReport(row.report),
    );
  }

  @FieldResolver(() => [TesterMachine], {
    description: `The machines (OS, perl, archname) this tester reported from, most reports first.`,
  })
  @cacheFor(MaxAge.statistics)
  async machines(
    @Root() tester: Tester,
    @Arg("first", () => Int, { defaultValue: 100, description: `How many: 1..${MAX_MACHINES}.` }) first: number,
    @Ctx() { db }: GraphQLContext,
  ): Promise<TesterMachine[]> {
    const rows = await machinesOfTester(db, tester.testerId, intInRange("first", first, 1, MAX_MACHINES));
    // Ties in the order the matrices use, not the database's collation.
    return rows
      .map((row) => Object.assign(new TesterMachine(), withTotal(row)))
      .sort(
        (a, b) =>
          b.total - a.total ||
          byName(a.osname, b.osname) ||
          byNumbersDescending(a.perl, b.perl) ||
          byName(a.platform, b.platform),
      );
  }

  @FieldResolver(() => GradeCounts, { description: "Every report this tester submitted, by grade." })
  @cacheFor(MaxAge.statistics)
  async reportCounts(@Root() tester: Tester, @Ctx() { db }: GraphQLContext): Promise<GradeCounts> {
    return Object.assign(new GradeCounts(), withTotal(await reportCountsOfTester(db, tester.testerId)));
  }
}
