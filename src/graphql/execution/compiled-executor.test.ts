import { buildSchema, GraphQLError, parse } from "graphql";
import { describe, expect, it } from "vitest";
import { compiledExecutor } from "./compiled-executor.js";

const schema = buildSchema(`
  type Query { page(first: Int!): [Int!]! broken: Int failing: Int calls: Int! }
  type Mutation { add(value: Int!): Int! }
  type Subscription { ticks: Int! }
`);
const fields = (type: "Query" | "Mutation") =>
  (type === "Query" ? schema.getQueryType() : schema.getMutationType())!.getFields();
let calls = 0;
fields("Query").page!.resolve = (_, { first }: { first: number }) => Array.from({ length: first }, (_, i) => i);
fields("Query").broken!.resolve = () => {
  throw new GraphQLError("no such thing", { extensions: { code: "BAD_USER_INPUT", argument: "id" } });
};
fields("Query").failing!.resolve = () => {
  throw Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
};
fields("Query").calls!.resolve = () => ++calls;
let total = 0;
fields("Mutation").add!.resolve = (_, { value }: { value: number }) => (total += value);

const execute = compiledExecutor(schema);
const run = (query: string, variables?: Record<string, unknown>, document = parse(query)) =>
  execute({ document, request: { variables }, context: {} });

describe("compiledExecutor", () => {
  it("takes a variable's default when the request leaves it out, as GraphQL says", async () => {
    const query = "query Page($first: Int! = 3) { page(first: $first) }";
    expect(await run(query)).toEqual({ data: { page: [0, 1, 2] } });
    expect(await run(query, { first: 1 })).toEqual({ data: { page: [0] } });
  });

  it("refuses bad variables without data, so that Apollo answers 400", async () => {
    const result = await run("query Page($first: Int!) { page(first: $first) }", { first: "many" });
    expect(result.data).toBeUndefined();
    expect(result.errors?.[0]?.message).toMatch(/\$first.*Int/);
    expect(result.errors?.[0]?.extensions).toEqual({ code: "BAD_USER_INPUT", http: { status: 400 } });
  });

  it("keeps a resolver's error with its path, code and original error", async () => {
    const result = await run("{ broken calls }");
    expect(result.data).toEqual({ broken: null, calls: expect.any(Number) as number });
    const [error] = result.errors ?? [];
    expect(error?.path).toEqual(["broken"]);
    expect(error?.extensions).toEqual({ code: "BAD_USER_INPUT", argument: "id" });
    expect(error?.originalError?.message).toBe("no such thing");
  });

  it("hands on an unexpected error as a GraphQLError with its path and cause, as Apollo needs", async () => {
    const result = await run("{ failing }");
    const [error] = result.errors ?? [];
    expect(error).toBeInstanceOf(GraphQLError);
    expect(error?.path).toEqual(["failing"]);
    expect(error?.locations).toEqual([{ line: 1, column: 3 }]);
    expect(error?.extensions).toEqual({});
    expect((error?.originalError as { code?: string } | undefined)?.code).toBe("ECONNREFUSED");
  });

  it("runs a document again with fresh values each time", async () => {
    const document = parse("{ calls }");
    const first = (await run("", undefined, document)).data?.calls as number;
    expect((await run("", undefined, document)).data?.calls).toBe(first + 1);
  });

  it("executes mutations in order", async () => {
    total = 0;
    expect(await run("mutation { a: add(value: 2) b: add(value: 3) }")).toEqual({ data: { a: 2, b: 5 } });
  });

  it("leaves subscriptions to graphql-js, which refuses them outside a subscription transport", async () => {
    const result = await run("subscription { ticks }");
    expect(result.errors?.[0]?.message).toMatch(/subscription/i);
  });
});
