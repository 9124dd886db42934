import { Field, GraphQLISODateTime, ObjectType } from "type-graphql";
import type { ReleaseRow } from "../../db/schema/index.js";
import { GradeCounts, gradeCounts } from "./grade-counts.type.js";

@ObjectType({ description: "One version of a distribution, with the counts of its test reports." })
export class Release {
  @Field(() => String, { description: "Distribution name, e.g. `Data-Printer`." })
  dist!: string;

  @Field(() => String, { description: "Version as released, e.g. `0.39` or `1.02_01`." })
  version!: string;

  @Field(() => GradeCounts, { description: "Report counts over every perl, development perls included." })
  allPerls!: GradeCounts;

  @Field(() => GradeCounts, { description: "Report counts over stable perls only." })
  stablePerls!: GradeCounts;

  @Field(() => GraphQLISODateTime, { description: "When a report last changed these counts." })
  updatedAt!: Date;
}

export function toRelease(row: ReleaseRow): Release {
  return Object.assign(new Release(), {
    dist: row.dist,
    version: row.version,
    allPerls: gradeCounts(row.pass, row.fail, row.na, row.unknown),
    stablePerls: gradeCounts(row.stablePass, row.stableFail, row.stableNa, row.stableUnknown),
    updatedAt: row.updatedAt,
  });
}
