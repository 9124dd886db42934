import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, Query, Resolver, Root } from "type-graphql";
import { releasesUpdatedSince } from "../../db/queries/release.queries.js";
import { dateTimeArgument } from "../args/arguments.js";
import { ConnectionArgs, pageSize } from "../args/connection.args.js";
import { decodeCursor, encodeCursor, isThreeStrings } from "../args/cursor.js";
import { ReportFilterArgs, toReportFilter } from "../args/report-filter.args.js";
import { cacheFor, MaxAge } from "../execution/cache-hints.js";
import type { GraphQLContext } from "../context.js";
import { DateTimeScalar, type InvalidScalarValue } from "../scalars.js";
import { Author, toAuthor } from "../types/author.type.js";
import { type Connection, toConnection } from "../types/connection.type.js";
import { Distribution, toDistribution } from "../types/distribution.type.js";
import { ReleaseMatrix, toReleaseMatrix } from "../types/matrix.type.js";
import { Release, ReleaseConnection, toRelease } from "../types/release.type.js";
import { Report, ReportConnection, toReport } from "../types/report.type.js";
import { toUpload, Upload } from "../types/upload.type.js";
import { reportConnection } from "./report-page.js";

@ArgsType()
class UpdatedSinceArgs extends ConnectionArgs {
  @Field(() => DateTimeScalar, {
    nullable: true,
    description:
      "Only releases whose counts changed at or after this time. Without it, the feed starts at the beginning.",
  })
  updatedSince?: Date | InvalidScalarValue | null;
}

@Resolver(() => Release)
export class ReleaseResolver {
  @Query(() => Release, {
    nullable: true,
    description: "One release by distribution name and version; null if unknown.",
  })
  async release(
    @Arg("dist", () => String, { description: "Distribution name, e.g. `Data-Printer`." }) dist: string,
    @Arg("version", () => String, { description: "Version, e.g. `0.39`." }) version: string,
    @Ctx() { loaders }: GraphQLContext,
  ): Promise<Release | null> {
    // The counters answer most requests alone; the upload is read only to tell a release that has
    // no report yet from an unknown one (the upload and author fields load it when asked).
    const row = await loaders.releaseByDistVersion.load({ dist, version });
    if (row) return toRelease({ dist, version }, row);
    const upload = await loaders.uploadByDistVersion.load({ dist, version });
    return upload ? toRelease({ dist, version }, null, upload) : null;
  }

  @Query(() => ReleaseConnection, {
    description:
      "The bulk mirroring feed: releases in the order their counts last changed, oldest first. Page to the end, " +
      "keep the last cursor, and poll with it: a release updated again reappears at the end.",
  })
  @cacheFor(MaxAge.counts)
  async releases(@Args(() => UpdatedSinceArgs) args: UpdatedSinceArgs, @Ctx() { db }: GraphQLContext) {
    const first = pageSize(args);
    const since = dateTimeArgument("updatedSince", args.updatedSince);
    const after = args.after ? decodeCursor("releases:updated", args.after, isThreeStrings) : undefined;
    const rows = await releasesUpdatedSince(db, {
      limit: first,
      ...(since ? { since } : {}),
      ...(after ? { after: { updatedAt: after[0], dist: after[1], version: after[2] } } : {}),
    });
    return toConnection(
      rows,
      first,
      Boolean(args.after),
      ({ release, updatedAtExact }) =>
        encodeCursor("releases:updated", [updatedAtExact, release.dist, release.version]),
      ({ release }) => toRelease(release, release),
    );
  }

  @FieldResolver(() => Distribution, { description: "The distribution this is a release of." })
  distribution(@Root() release: Release): Distribution {
    return toDistribution(release.dist);
  }

  @FieldResolver(() => Upload, { nullable: true, description: "The upload of this release; null if not yet known." })
  async upload(@Root() release: Release, @Ctx() { loaders }: GraphQLContext): Promise<Upload | null> {
    const row = await uploadOf(release, loaders);
    return row ? toUpload(row) : null;
  }

  @FieldResolver(() => Author, { nullable: true, description: "Who uploaded this release; null while unknown." })
  async author(@Root() release: Release, @Ctx() { loaders }: GraphQLContext): Promise<Author | null> {
    const author = (await uploadOf(release, loaders))?.author;
    return author ? toAuthor(author) : null;
  }

  @FieldResolver(() => Report, { nullable: true, description: "The newest report of this release." })
  async latestReport(@Root() release: Release, @Ctx() { loaders }: GraphQLContext): Promise<Report | null> {
    if (release.latestReportId === null) return null;
    const row = await loaders.reportById.load(release.latestReportId);
    return row && toReport(row);
  }

  @FieldResolver(() => ReleaseMatrix, { description: "Reports by perl series and OS." })
  async matrix(@Root() release: Release, @Ctx() { loaders }: GraphQLContext): Promise<ReleaseMatrix> {
    return toReleaseMatrix(await loaders.releaseMatrixByDistVersion.load(release));
  }

  @FieldResolver(() => ReportConnection, { description: "The reports of this release, newest first." })
  @cacheFor(MaxAge.counts)
  async reports(
    @Root() release: Release,
    @Args(() => ReportFilterArgs) args: ReportFilterArgs,
    @Ctx() { db }: GraphQLContext,
  ): Promise<Connection<Report>> {
    const filter = { ...toReportFilter(args), dist: release.dist, version: release.version };
    return reportConnection(db, filter, { first: pageSize(args), after: args.after });
  }
}

/** The upload read alongside the release, or loaded now. */
function uploadOf(release: Release, loaders: GraphQLContext["loaders"]) {
  return release.uploadRow !== undefined
    ? Promise.resolve(release.uploadRow)
    : loaders.uploadByDistVersion.load({ dist: release.dist, version: release.version });
}
