import { buildSchema, execute, parse } from "graphql";
import { afterEach, describe, expect, it, vi } from "vitest";
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
  // The clock is the test's: `slow` starts in time and takes 20 ms, so `value` starts past the
  // deadline, however busy the machine is.
  schema.getQueryType()!.getFields().slow!.resolve = () => {
    vi.setSystemTime(Date.now() + 20);
    return {};
  };
  const child = schema.getType("Child") as unknown as { getFields(): Record<string, { resolve?: () => number }> };
  child.getFields().value!.resolve = () => 1;
  enforceDeadlines(schema);
  afterEach(() => vi.useRealTimers());

  it("stops the resolvers that start past the deadline, and only in operations that have one", async () => {
    const query = parse("{ slow { value } }");
    vi.useFakeTimers({ toFake: ["Date"] });
    const timed = {};
    startBudget(timed, { timeoutMs: 5, responseBytes: 1_000 });
    const late = await execute({ schema, document: query, contextValue: timed });
    expect(late.data).toEqual({ slow: { value: null } });
    expect(late.errors?.[0]?.extensions).toMatchObject({ code: "QUERY_TIMEOUT", limit: 5 });
    expect(await execute({ schema, document: query, contextValue: {} })).toEqual({ data: { slow: { value: 1 } } });
  });
});
