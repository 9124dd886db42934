import { Field, ObjectType } from "type-graphql";
import { cacheFor, MaxAge } from "../execution/cache-hints.js";
import { globalId, Node, NodeKind } from "./node.type.js";

@ObjectType({
  simpleResolvers: true,
  implements: Node,
  description: "A CPAN author, by PAUSE id, and what they uploaded.",
})
@cacheFor(MaxAge.catalogue)
export class Author implements Node {
  id!: string;

  @Field(() => String, { description: "The PAUSE id, upper case, e.g. `GARU`." })
  pauseId!: string;
}

export const toAuthor = (pauseId: string): Author =>
  Object.assign(new Author(), { id: globalId(NodeKind.Author, pauseId), pauseId });
