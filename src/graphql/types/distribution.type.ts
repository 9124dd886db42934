import { Field, ObjectType } from "type-graphql";
import type { ReleaseRow, UploadRow } from "../../db/schema/index.js";
import { cacheFor, MaxAge } from "../execution/cache-hints.js";
import { connectionType } from "./connection.type.js";
import { globalId, Node, NodeKind } from "./node.type.js";

@ObjectType({
  simpleResolvers: true,
  implements: Node,
  description: "A CPAN distribution: every release under one name.",
})
@cacheFor(MaxAge.catalogue)
export class Distribution implements Node {
  /**
   * `latest`: the newest upload and its counters, when the statement that found this
   * distribution read them too (the author dashboard); undefined when not read.
   */
  constructor(
    name: string,
    readonly latest?: { upload: UploadRow | null; release: ReleaseRow | null },
  ) {
    this.name = name;
  }

  get id(): string {
    return globalId(NodeKind.Distribution, this.name);
  }

  @Field(() => String, { description: "Distribution name, e.g. `Data-Printer`." })
  name: string;
}

export const toDistribution = (name: string, latest?: Distribution["latest"]): Distribution =>
  new Distribution(name, latest);

export const DistributionConnection = connectionType(Distribution, "Distribution", "distribution");
