import { type ClassType, Field, ObjectType } from "type-graphql";
import { inheritCache } from "../execution/cache-hints.js";

@ObjectType({
  simpleResolvers: true,
  description: "Where a page of a list stands. Lists page forward only, by `first` and `after`.",
})
@inheritCache()
export class PageInfo {
  @Field(() => Boolean, { description: "Whether items follow this page." })
  hasNextPage!: boolean;

  @Field(() => Boolean, { description: "Whether this page was asked for with a cursor (`after`)." })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: "The cursor of the first item; null on an empty page." })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: "The cursor of the last item: pass it as `after`." })
  endCursor!: string | null;
}

export interface Edge<Node> {
  cursor: string;
  node: Node;
}

export interface Connection<Node> {
  edges: Edge<Node>[];
  nodes: Node[];
  pageInfo: PageInfo;
}

/**
 * The Relay connection and edge types of a node type, named `<Name>Connection` and `<Name>Edge`.
 * They inherit their cache hint from the field that returns them.
 */
export function connectionType<Node extends object>(node: ClassType<Node>, name: string, what: string) {
  @ObjectType(`${name}Edge`, { simpleResolvers: true, description: `One ${what} in a page, with its cursor.` })
  @inheritCache()
  class EdgeType {
    @Field(() => String, { description: "Where this item stands: pass it as `after` to continue after it." })
    cursor!: string;

    @Field(() => node, { description: `The ${what}.` })
    node!: Node;
  }

  @ObjectType(`${name}Connection`, { simpleResolvers: true, description: `A page of ${what}s (a Relay connection).` })
  @inheritCache()
  class ConnectionType {
    @Field(() => [EdgeType], { description: `The ${what}s of this page with their cursors.` })
    edges!: Edge<Node>[];

    @Field(() => [node], { description: `The ${what}s of this page, without cursors.` })
    nodes!: Node[];

    @Field(() => PageInfo, { description: "Whether more items follow, and the cursor to continue from." })
    pageInfo!: PageInfo;
  }
  return ConnectionType as ClassType<Connection<Node>>;
}

/**
 * A page from rows fetched with `limit + 1`: the extra row only says that another page exists.
 * Cursors are encoded only for what is asked: edges when `edges` is read, the page's ends always.
 */
export function toConnection<Row, Node>(
  rows: readonly Row[],
  limit: number,
  afterGiven: boolean,
  cursorOf: (row: Row) => string,
  nodeOf: (row: Row) => Node,
): Connection<Node> {
  const page = rows.slice(0, limit);
  const nodes = page.map(nodeOf);
  const first = page[0];
  const last = page.at(-1);
  let edges: Edge<Node>[] | undefined;
  return {
    get edges() {
      return (edges ??= page.map((row, index) => ({ cursor: cursorOf(row), node: nodes[index] as Node })));
    },
    nodes,
    pageInfo: Object.assign(new PageInfo(), {
      hasNextPage: rows.length > limit,
      hasPreviousPage: afterGiven,
      startCursor: first === undefined ? null : cursorOf(first),
      endCursor: last === undefined ? null : cursorOf(last),
    }),
  };
}
