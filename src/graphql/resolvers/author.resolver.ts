import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, Query, Resolver, Root, registerEnumType } from "type-graphql";
import { type AuthorDistribution, authorExists, distributionsOfAuthor } from "../../db/queries/upload.queries.js";
import { ConnectionArgs, pageSize } from "../args/connection.args.js";
import { type CursorKey, decodeCursor, encodeCursor, isOneString } from "../args/cursor.js";
import type { GraphQLContext } from "../context.js";
import { Author, toAuthor } from "../types/author.type.js";
import { type Connection, toConnection } from "../types/connection.type.js";
import { type Distribution, DistributionConnection, toDistribution } from "../types/distribution.type.js";
import { type Upload, UploadConnection } from "../types/upload.type.js";
import { uploadConnection } from "./upload-page.js";

export enum AuthorDistributionOrder {
  NAME = "name",
  LAST_REPORT = "lastReport",
  FAILURES = "failures",
}
registerEnumType(AuthorDistributionOrder, {
  name: "AuthorDistributionOrder",
  description: "How the author dashboard orders distributions.",
  valuesConfig: {
    NAME: { description: "By name." },
    LAST_REPORT: {
      description: "Newest report of the latest release first (its `updatedAt`); those without reports last.",
    },
    FAILURES: { description: "Most FAIL reports of the latest release first, then by name." },
  },
});

@ArgsType()
class AuthorDistributionArgs extends ConnectionArgs {
  @Field(() => AuthorDistributionOrder, { defaultValue: AuthorDistributionOrder.NAME, description: "The order." })
  orderBy!: AuthorDistributionOrder;

  @Field(() => Boolean, {
    defaultValue: false,
    description: "Only distributions whose latest release has at least one FAIL report.",
  })
  onlyWithFailures!: boolean;
}

/**
 * The most distributions a sorted or filtered dashboard reads: CPAN's most prolific authors have a
 * few thousand. Past it, the dashboard is the first ones by name.
 */
export const MAX_DASHBOARD_DISTRIBUTIONS = 10_000;
const DASHBOARD_READ = 1_000;

/** The sort key of a dashboard row: what a cursor of a sorted dashboard holds. */
type DashboardKey = [lastReport: string, failures: number, dist: string];
const isDashboardKey = (key: CursorKey): key is DashboardKey =>
  key.length === 3 && typeof key[0] === "string" && typeof key[1] === "number" && typeof key[2] === "string";

function keyOf(row: AuthorDistribution): DashboardKey {
  const release = row.latestRelease;
  const reported = release && release.pass + release.fail + release.na + release.unknown > 0;
  return [reported ? release.updatedAt.toISOString() : "", release?.fail ?? 0, row.dist];
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function compareKeys(order: AuthorDistributionOrder) {
  return ([aTime, aFail, aDist]: DashboardKey, [bTime, bFail, bDist]: DashboardKey): number => {
    if (order === AuthorDistributionOrder.LAST_REPORT) return byText(bTime, aTime) || byText(aDist, bDist);
    if (order === AuthorDistributionOrder.FAILURES) return bFail - aFail || byText(aDist, bDist);
    return byText(aDist, bDist);
  };
}

/** Every distribution of an author (up to MAX_DASHBOARD_DISTRIBUTIONS), a page per statement. */
async function allDistributionsOf(db: GraphQLContext["db"], author: string): Promise<AuthorDistribution[]> {
  const all: AuthorDistribution[] = [];
  let after: string | undefined;
  while (all.length < MAX_DASHBOARD_DISTRIBUTIONS) {
    const page = await distributionsOfAuthor(db, author, { limit: DASHBOARD_READ, ...(after ? { after } : {}) });
    all.push(...page.slice(0, DASHBOARD_READ));
    if (page.length <= DASHBOARD_READ) break;
    after = page[DASHBOARD_READ - 1]?.dist;
  }
  return all.slice(0, MAX_DASHBOARD_DISTRIBUTIONS);
}

@Resolver(() => Author)
export class AuthorResolver {
  @Query(() => Author, { nullable: true, description: "A CPAN author by PAUSE id; null if they uploaded nothing." })
  async author(
    @Arg("pauseId", () => String, { description: "PAUSE id, e.g. `GARU` (any case)." }) pauseId: string,
    @Ctx() { db }: GraphQLContext,
  ): Promise<Author | null> {
    const id = pauseId.toUpperCase();
    return (await authorExists(db, id)) ? toAuthor(id) : null;
  }

  @FieldResolver(() => DistributionConnection, {
    description:
      "The distributions this author uploaded: the author dashboard. Ask each for `latestRelease`, its counts " +
      "and `updatedAt` (the time of its last report). By name unless `orderBy` says otherwise; a sorted or " +
      `filtered dashboard covers the author's first ${MAX_DASHBOARD_DISTRIBUTIONS.toLocaleString("en")} distributions by name.`,
  })
  async distributions(
    @Root() author: Author,
    @Args(() => AuthorDistributionArgs) args: AuthorDistributionArgs,
    @Ctx() { db }: GraphQLContext,
  ): Promise<Connection<Distribution>> {
    const first = pageSize(args);
    if (args.orderBy !== AuthorDistributionOrder.NAME || args.onlyWithFailures) {
      return sortedDashboard(db, author.pauseId, args, first);
    }
    const name = "author:distributions";
    const after = args.after ? decodeCursor(name, args.after, isOneString)[0] : undefined;
    const rows = await distributionsOfAuthor(db, author.pauseId, {
      limit: first,
      ...(after === undefined ? {} : { after }),
    });
    // The dashboard's statement read each distribution's latest release already: each distribution
    // carries it, so `latestRelease` and `author` answer without a loader or a statement.
    return toConnection(
      rows,
      first,
      Boolean(args.after),
      (row) => encodeCursor(name, [row.dist]),
      (row) => toDistribution(row.dist, { upload: row.latestUpload, release: row.latestRelease }),
    );
  }

  @FieldResolver(() => UploadConnection, { description: "This author's uploads, newest first." })
  async uploads(
    @Root() author: Author,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Ctx() { db }: GraphQLContext,
  ): Promise<Connection<Upload>> {
    return uploadConnection(
      db,
      "author:uploads",
      { author: author.pauseId },
      { first: pageSize(args), after: args.after },
    );
  }
}

/**
 * A sorted or filtered dashboard: every distribution is read (an author has hundreds, rarely a few
 * thousand), sorted and filtered here, and paged by the key of the last row shown, so a report
 * that moves a row between two pages may show it twice or skip it, never fails the page.
 */
async function sortedDashboard(
  db: GraphQLContext["db"],
  author: string,
  args: AuthorDistributionArgs,
  first: number,
): Promise<Connection<Distribution>> {
  const name = `author:distributions:${args.orderBy}:${args.onlyWithFailures ? "failing" : "all"}`;
  const after = args.after ? decodeCursor(name, args.after, isDashboardKey) : undefined;
  const compare = compareKeys(args.orderBy);
  const rows = (await allDistributionsOf(db, author))
    .filter((row) => !args.onlyWithFailures || (row.latestRelease?.fail ?? 0) > 0)
    .map((row) => ({ row, key: keyOf(row) }))
    .sort((a, b) => compare(a.key, b.key));
  const start = after ? rows.findIndex(({ key }) => compare(key, after) > 0) : 0;
  const page = start < 0 ? [] : rows.slice(start, start + first + 1);
  return toConnection(
    page,
    first,
    Boolean(args.after),
    ({ key }) => encodeCursor(name, key),
    ({ row }) => toDistribution(row.dist, { upload: row.latestUpload, release: row.latestRelease }),
  );
}
