import { Field, ObjectType } from "type-graphql";
import type { TesterRow } from "../../db/schema/index.js";
import { cacheFor, MaxAge } from "../execution/cache-hints.js";
import { globalId, Node, NodeKind } from "./node.type.js";

@ObjectType({
  simpleResolvers: true,
  implements: Node,
  description: "A tester: the Metabase profile (or token holder) who sent reports.",
})
@cacheFor(MaxAge.tester)
export class Tester implements Node {
  id!: string;

  @Field(() => String, { description: "The tester's name as registered." })
  fullName!: string;
}

// The e-mail address stays out: it is the tester's login, and reports show what the tester chose.
export const toTester = (row: TesterRow): Tester =>
  Object.assign(new Tester(), { id: globalId(NodeKind.Tester, row.id), fullName: row.fullName });
