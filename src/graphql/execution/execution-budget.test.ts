import { buildSchema, execute, parse } from "graphql";
import { describe, expect, it } from "vitest";
import { chargeResponse, enforceDeadlines, startBudget } from "./execution-budget.js";

describe("chargeResponse", () => {
  it("accepts heavy data up to the response limit and refuses one byte more, with the figures", () => {
    const context = {};
    startBudget(context, { timeoutMs: 1_000, responseBytes: 100 });
    chargeResponse(context, 60);
    chargeResponse(context, 40);
    expect(() => chargeResponse(context, 1)).toThrow(
      expect.objectContaining({
        extensions: { code: "RESPONSE_TOO_LARGE", limit: 100, actual: 101, http: { status: 400 } },
      }) as Error,
    );
  });

  it("counts nothing for an operation without a budget", () => {
    expect(() => chargeResponse({}, 10 ** 12)).not.toThrow();
  });
});

describe("enforceDeadlines", () => {
  const schema = buildSchema("type Query { slow: Child } type Child { value: Int }");
  schema.getQueryType()!.getFields().slow!.resolve = () => new Promise((resolve) => setTimeout(() => resolve({}), 20));
  const child = schema.getType("Child") as unknown as { getFields(): Record<string, { resolve?: () => number }> };
  child.getFields().value!.resolve = () => 1;
  enforceDeadlines(schema);

  it("stops the resolvers that start past the deadline, and only in operations that have one", async () => {
    const query = parse("{ slow { value } }");
    const timed = {};
    startBudget(timed, { timeoutMs: 5, responseBytes: 1_000 });
    const late = await execute({ schema, document: query, contextValue: timed });
    expect(late.data).toEqual({ slow: { value: null } });
    expect(late.errors?.[0]?.extensions).toMatchObject({ code: "QUERY_TIMEOUT", limit: 5 });
    expect(await execute({ schema, document: query, contextValue: {} })).toEqual({ data: { slow: { value: 1 } } });
  });
});
