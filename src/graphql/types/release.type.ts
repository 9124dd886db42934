import { Field, ObjectType } from "type-graphql";
import type { ReleaseRow, UploadRow } from "../../db/schema/index.js";
import { cacheFor, MaxAge } from "../execution/cache-hints.js";
import { DateTimeScalar } from "../scalars.js";
import { connectionType } from "./connection.type.js";
import { GradeCounts, releaseCounts } from "./grade-counts.type.js";
import { globalId, Node, NodeKind } from "./node.type.js";

@ObjectType({
  simpleResolvers: true,
  implements: Node,
  description: "One version of a distribution, with the counts of its test reports.",
})
@cacheFor(MaxAge.counts)
export class Release implements Node {
  // Computed when asked: a dashboard holds a hundred releases and rarely shows their ids.
  get id(): string {
    return globalId(NodeKind.Release, `${this.dist}/${this.version}`);
  }

  @Field(() => String, { description: "Distribution name, e.g. `Data-Printer`." })
  dist!: string;

  @Field(() => String, { description: "Version as released, e.g. `0.39` or `1.02_01`." })
  version!: string;

  @Field(() => GradeCounts, { description: "Report counts over every perl, development perls included." })
  allPerls!: GradeCounts;

  @Field(() => GradeCounts, { description: "Report counts over stable perls only." })
  stablePerls!: GradeCounts;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: "When a report last changed these counts; null while the release has no report.",
  })
  updatedAt!: Date | null;

  /** Not a field: the id of the newest report, resolved by `latestReport`. */
  latestReportId!: number | null;

  /** Not a field: the upload when the query that found this release read it too (undefined: not read). */
  uploadRow?: UploadRow | null;
}

/** A release from its counters and (when read alongside) its upload; either may be missing. */
export function toRelease(
  key: { dist: string; version: string },
  row: ReleaseRow | null,
  upload?: UploadRow | null,
): Release {
  return Object.assign(new Release(), {
    dist: key.dist,
    version: key.version,
    ...releaseCounts(row),
    updatedAt: row?.updatedAt ?? null,
    latestReportId: row?.latestReportId ?? null,
    uploadRow: upload,
  });
}

export const ReleaseConnection = connectionType(Release, "Release", "release");
