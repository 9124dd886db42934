import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import { distributionMatrix } from "../../db/queries/matrix.queries.js";
import { distributionExists, releasesOfDist } from "../../db/queries/release.queries.js";
import { ConnectionArgs, pageSize } from "../args/connection.args.js";
import { type CursorKey, decodeCursor, encodeCursor } from "../args/cursor.js";
import { cacheFor, MaxAge } from "../execution/cache-hints.js";
import type { GraphQLContext } from "../context.js";
import type { Loaders } from "../loaders/index.js";
import { Author, toAuthor } from "../types/author.type.js";
import { type Connection, toConnection } from "../types/connection.type.js";
import { Distribution, toDistribution } from "../types/distribution.type.js";
import { DistributionMatrix, toDistributionMatrix } from "../types/matrix.type.js";
import { Release, ReleaseConnection, toRelease } from "../types/release.type.js";

// A cursor of a distribution's releases: the release time to the microsecond (null for a
// provisional upload) and the version.
const isReleaseKey = (key: CursorKey): key is [string | null, string] =>
  key.length === 2 && (typeof key[0] === "string" || key[0] === null) && typeof key[1] === "string";

@Resolver(() => Distribution)
export class DistributionResolver {
  @Query(() => Distribution, {
    nullable: true,
    description: "A distribution by name; null if no release or upload of it is known.",
  })
  async distribution(
    @Arg("name", () => String, { description: "Distribution name, e.g. `Data-Printer`." }) name: string,
    @Ctx() { db }: GraphQLContext,
  ): Promise<Distribution | null> {
    return (await distributionExists(db, name)) ? toDistribution(name) : null;
  }

  @FieldResolver(() => Release, {
    nullable: true,
    description: "The newest upload, with its counts (provisional releases only when nothing else is known).",
  })
  latestRelease(
    @Root() distribution: Distribution,
    @Ctx() { loaders }: GraphQLContext,
  ): Release | null | Promise<Release | null> {
    // Read with the distribution (the dashboard): answered at once, without a promise per row.
    if (distribution.latest) {
      const { upload, release } = distribution.latest;
      return upload ? toRelease(upload, release, upload) : null;
    }
    return loadLatestRelease(distribution.name, loaders);
  }

  @FieldResolver(() => Author, { nullable: true, description: "The author of the latest release; null while unknown." })
  async author(@Root() distribution: Distribution, @Ctx() { loaders }: GraphQLContext): Promise<Author | null> {
    const upload = distribution.latest
      ? distribution.latest.upload
      : await loaders.latestUploadByDist.load(distribution.name);
    return upload?.author ? toAuthor(upload.author) : null;
  }

  @FieldResolver(() => ReleaseConnection, {
    description: "Every release, newest upload first; provisional ones (not yet uploaded) last.",
  })
  async releases(
    @Root() distribution: Distribution,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Ctx() { db }: GraphQLContext,
  ): Promise<Connection<Release>> {
    const first = pageSize(args);
    const name = "distribution:releases";
    const after = args.after ? decodeCursor(name, args.after, isReleaseKey) : undefined;
    const rows = await releasesOfDist(db, distribution.name, {
      limit: first,
      ...(after ? { after: { releasedAt: after[0], version: after[1] } } : {}),
    });
    return toConnection(
      rows,
      first,
      Boolean(args.after),
      (row) => encodeCursor(name, [row.releasedAtExact, row.upload.version]),
      (row) => toRelease(row.upload, row.release, row.upload),
    );
  }

  @FieldResolver(() => DistributionMatrix, { description: "Reports by version and perl series." })
  @cacheFor(MaxAge.counts)
  async matrix(@Root() distribution: Distribution, @Ctx() { db }: GraphQLContext): Promise<DistributionMatrix> {
    return toDistributionMatrix(await distributionMatrix(db, distribution.name));
  }
}

/** The newest upload of a distribution with its counters, through the request's loaders. */
async function loadLatestRelease(name: string, loaders: Loaders): Promise<Release | null> {
  const upload = await loaders.latestUploadByDist.load(name);
  if (!upload) return null;
  return toRelease(upload, await loaders.releaseByDistVersion.load(upload), upload);
}
