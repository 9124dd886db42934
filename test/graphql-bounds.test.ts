import { GRAPHQL_LIMIT_DEFAULTS } from "../src/config.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedCatalogue } from "./factories/catalogue.js";
import { testBackends } from "./helpers/database.js";
import { startTestPlatform, type TestPlatform } from "./helpers/server.js";

interface Answer {
  status: number;
  bytes: number;
  body: { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] };
}

async function post(platform: TestPlatform, body: string): Promise<Answer> {
  const response = await fetch(`${platform.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body,
  });
  const text = await response.text();
  return { status: response.status, bytes: Buffer.byteLength(text), body: JSON.parse(text) as Answer["body"] };
}

const ask = (platform: TestPlatform, query: string) => post(platform, JSON.stringify({ query }));

/** `n` aliases of `selection` at the root. */
const aliases = (n: number, selection: string) =>
  `{ ${Array.from({ length: n }, (_, i) => `a${i}: ${selection}`).join(" ")} }`;

const refusal = (code: string, limit: number, actual: number) => ({
  errors: [
    {
      message: expect.stringContaining(`over the limit of ${limit}`) as unknown,
      extensions: { code, limit, actual },
    },
  ],
});

describe.each(testBackends())("GraphQL request bounds on $name", (backend) => {
  let platform: TestPlatform;
  let statements = 0;
  const limits = GRAPHQL_LIMIT_DEFAULTS;
  beforeAll(async () => {
    platform = await startTestPlatform(backend, { etl: false, logger: { logQuery: () => void statements++ } });
  });
  afterAll(() => platform.stop());

  it("refuses 500 aliases of a page of 100 reports' texts before any SQL", async () => {
    statements = 0;
    const { status, body } = await ask(platform, aliases(500, "reports(first: 100) { nodes { details { text } } }"));
    expect(status).toBe(400);
    expect(body).toEqual(refusal("TOO_MANY_ROOT_FIELDS", limits.rootFields, 500));
    expect(statements).toBe(0);
  });

  it("weighs a report's details and text: a page of 100 costs 501, two of them are over the budget", async () => {
    const page = "reports(first: 100) { nodes { details { text } } }";
    const one = await ask(platform, `{ ${page} }`);
    expect(one.body).toMatchObject({ extensions: { cost: { requested: 501, limit: 1000 } } });
    const counters = await ask(platform, "{ reports(first: 100) { nodes { reportId grade } } }");
    expect(counters.body).toMatchObject({ extensions: { cost: { requested: 1, limit: 1000 } } });
    statements = 0;
    const two = await ask(platform, aliases(2, page));
    expect(two.status).toBe(400);
    expect(two.body.errors?.[0]?.extensions).toMatchObject({ code: "QUERY_TOO_COMPLEX", cost: 1002, limit: 1000 });
    expect(statements).toBe(0);
  });

  it("accepts as many aliases as the limit and refuses one more", async () => {
    // Under one root field, so that only the alias limit counts.
    const under = (n: number) =>
      `{ serverInfo { ${Array.from({ length: n }, (_, i) => `a${i}: __typename`).join(" ")} } }`;
    const accepted = await ask(platform, under(limits.aliases));
    expect(accepted.status).toBe(200);
    expect(accepted.body.errors).toBeUndefined();
    const refused = await ask(platform, under(limits.aliases + 1));
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual(refusal("TOO_MANY_ALIASES", limits.aliases, limits.aliases + 1));
  });

  it("accepts as many root fields as the limit and refuses one more", async () => {
    const accepted = await ask(platform, aliases(limits.rootFields, "__typename"));
    expect(accepted.status).toBe(200);
    expect(accepted.body.errors).toBeUndefined();
    const refused = await ask(platform, aliases(limits.rootFields + 1, "__typename"));
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual(refusal("TOO_MANY_ROOT_FIELDS", limits.rootFields, limits.rootFields + 1));
  });

  it("accepts as many fields as the limit, counted through fragments, and refuses one more", async () => {
    // serverInfo, then the rest in a fragment spread twice.
    const half = (limits.fields - 1) / 2;
    const fields = (n: number) =>
      `{ serverInfo { ...F ...F ${"__typename ".repeat(n)}} } fragment F on ServerInfo { ${"__typename ".repeat(Math.floor(half))}}`;
    const extra = limits.fields - 1 - 2 * Math.floor(half);
    const accepted = await ask(platform, fields(extra));
    expect(accepted.body.errors).toBeUndefined();
    expect(accepted.status).toBe(200);
    expect(accepted.body.errors).toBeUndefined();
    const refused = await ask(platform, fields(extra + 1));
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual(refusal("TOO_MANY_FIELDS", limits.fields, limits.fields + 1));
  });

  it("refuses 5,000 aliases and 20,000 __typename with a code, not the complexity library's 500", async () => {
    const many = await ask(
      platform,
      `{ serverInfo { ${Array.from({ length: 5_000 }, (_, i) => `a${i}: __typename`).join(" ")} } }`,
    );
    expect(many.status).toBe(400);
    expect(many.body).toEqual(refusal("TOO_MANY_ALIASES", limits.aliases, 5_000));
    const typenames = await ask(platform, `{ ${"__typename ".repeat(20_000)}}`);
    expect(typenames.status).toBe(400);
    expect(typenames.body).toEqual(refusal("TOO_MANY_ROOT_FIELDS", limits.rootFields, 20_000));
    const nested = await ask(platform, `{ serverInfo { ${"__typename ".repeat(20_000)}} }`);
    expect(nested.status).toBe(400);
    expect(nested.body).toEqual(refusal("TOO_MANY_FIELDS", limits.fields, 20_001));
  });

  it("refuses a fragment cycle of 1,000 in the one-pass measure, before GraphQL's validation walks it", async () => {
    const fragments = Array.from({ length: 1_000 }, (_, i) => `fragment F${i} on Query { ...F${(i + 1) % 1_000} }`);
    const { status, body } = await ask(platform, `{ ...F0 } ${fragments.join(" ")}`);
    expect(status).toBe(400);
    // GraphQL's own rule would name the whole path ("within itself via F1, F2, ..."); its speed is
    // measured without a server in query-shape.test.ts.
    expect(body.errors).toEqual([
      {
        message: 'Cannot spread fragment "F0" within itself.',
        locations: [{ line: 1, column: 11 }],
        extensions: { code: "GRAPHQL_VALIDATION_FAILED" },
      },
    ]);
  });

  it("accepts a body of the limit's size and refuses one byte more with 413, a 30 MiB one too", async () => {
    const sized = (bytes: number) => {
      const base = JSON.stringify({ query: "{ __typename }", variables: { pad: "" } });
      return JSON.stringify({ query: "{ __typename }", variables: { pad: "x".repeat(bytes - base.length) } });
    };
    const accepted = await post(platform, sized(limits.bodyBytes));
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ data: { __typename: "Query" } });
    const refused = await post(platform, sized(limits.bodyBytes + 1));
    expect(refused.status).toBe(413);
    expect(refused.body).toEqual(refusal("PAYLOAD_TOO_LARGE", limits.bodyBytes, limits.bodyBytes + 1));
    const huge = await post(platform, JSON.stringify({ query: `{ ${"__typename ".repeat(3 * 1024 ** 2)}}` }));
    expect(huge.status).toBe(413);
    expect(huge.body.errors?.[0]?.extensions).toMatchObject({ code: "PAYLOAD_TOO_LARGE", limit: limits.bodyBytes });
  });
});

describe.each(testBackends())("GraphQL response size and deadline on $name", (backend) => {
  let platform: TestPlatform;
  const responseBytes = 1024;
  beforeAll(async () => {
    platform = await startTestPlatform(backend, { etl: false, graphqlLimits: { responseBytes, timeoutMs: 1 } });
    await seedCatalogue(platform.database.db);
  });
  afterAll(() => platform.stop());

  it("answers a response of the limit's size and refuses one byte more", async () => {
    // The response grows by one byte with each character of the alias.
    const sized = (name: string) => ask(platform, `{ ${name}: __typename }`);
    const base = (await sized("a")).bytes - 1;
    const accepted = await sized("a".repeat(responseBytes - base));
    expect(accepted.body.errors).toBeUndefined();
    expect(accepted.status).toBe(200);
    expect(accepted.bytes).toBe(responseBytes);
    const refused = await sized("a".repeat(responseBytes - base + 1));
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual(refusal("RESPONSE_TOO_LARGE", responseBytes, responseBytes + 1));
  });

  it("stops resolvers past the deadline with QUERY_TIMEOUT and its figures", async () => {
    const { status, body } = await ask(
      platform,
      "{ reports(first: 5) { nodes { release { distribution { name } } } } }",
    );
    expect(status).toBe(400);
    const [error] = body.errors ?? [];
    expect(error?.extensions).toMatchObject({ code: "QUERY_TIMEOUT", limit: 1 });
    expect(error?.extensions?.actual).toBeGreaterThan(1);
  });
});
