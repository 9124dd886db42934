import { Field, ObjectType } from "type-graphql";
import { cacheFor, MaxAge } from "../cache-hints.js";
import { connectionType } from "./connection.type.js";
import { globalId, Node, NodeKind } from "./node.type.js";

@ObjectType({
  simpleResolvers: true,
  implements: Node,
  description: "A CPAN distribution: every release under one name.",
})
@cacheFor(MaxAge.catalogue)
export class Distribution implements Node {
  id!: string;

  @Field(() => String, { description: "Distribution name, e.g. `Data-Printer`." })
  name!: string;
}

export const toDistribution = (name: string): Distribution =>
  Object.assign(new Distribution(), { id: globalId(NodeKind.Distribution, name), name });

export const DistributionConnection = connectionType(Distribution, "Distribution", "distribution");
