import { Arg, Ctx, ID, Query, Resolver } from "type-graphql";
import { findPerlVersion } from "../../db/queries/perl-version.queries.js";
import { distributionExists } from "../../db/queries/release.queries.js";
import { authorExists } from "../../db/queries/upload.queries.js";
import { badArgument } from "../args/arguments.js";
import type { GraphQLContext } from "../context.js";
import { toAuthor } from "../types/author.type.js";
import { toDistribution } from "../types/distribution.type.js";
import { Node, NodeKind, parseGlobalId, splitDistVersion } from "../types/node.type.js";
import { toPerlVersion } from "../types/perl-version.type.js";
import { toRelease } from "../types/release.type.js";
import { toReport } from "../types/report.type.js";
import { toTester } from "../types/tester.type.js";
import { toUpload } from "../types/upload.type.js";
import { isUuid } from "../../report/index.js";

@Resolver()
export class NodeResolver {
  @Query(() => Node, {
    nullable: true,
    description: "Any object by its global id (`id` of a Node); null if it no longer exists.",
  })
  async node(
    @Arg("id", () => ID, { description: "A global id from an `id` field." }) id: string,
    @Ctx() { db, loaders }: GraphQLContext,
  ): Promise<Node | null> {
    const parsed = parseGlobalId(id);
    if (!parsed) throw badArgument("id", "a global id from an `id` field", id);
    const { kind, key } = parsed;
    switch (kind) {
      case NodeKind.Report: {
        const reportId = Number(key);
        if (!Number.isSafeInteger(reportId)) return null;
        const row = await loaders.reportById.load(reportId);
        return row && toReport(row);
      }
      case NodeKind.Release: {
        const release = splitDistVersion(key);
        if (!release) return null;
        const [row, upload] = await Promise.all([
          loaders.releaseByDistVersion.load(release),
          loaders.uploadByDistVersion.load(release),
        ]);
        return row || upload ? toRelease(release, row, upload) : null;
      }
      case NodeKind.Upload: {
        const upload = splitDistVersion(key);
        const row = upload ? await loaders.uploadByDistVersion.load(upload) : null;
        return row && toUpload(row);
      }
      case NodeKind.Distribution:
        return (await distributionExists(db, key)) ? toDistribution(key) : null;
      case NodeKind.Author:
        return (await authorExists(db, key)) ? toAuthor(key) : null;
      case NodeKind.Tester: {
        const row = isUuid(key) ? await loaders.testerById.load(key) : null;
        return row && toTester(row);
      }
      case NodeKind.PerlVersion: {
        const row = await findPerlVersion(db, key);
        return row ? toPerlVersion(row) : null;
      }
    }
  }
}
