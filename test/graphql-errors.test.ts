import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testBackends } from "./helpers/database.js";
import { startTestPlatform, type TestPlatform } from "./helpers/server.js";

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

async function post(platform: TestPlatform, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${platform.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as { errors?: Record<string, unknown>[] } };
}

/** The codes of a response's errors. */
const codes = (body: { errors?: Record<string, unknown>[] }) =>
  body.errors?.map((error) => (error.extensions as { code?: string } | undefined)?.code);

const submit = "mutation($report: JSONObject!) { submitReport(report: $report) { id } }";

describe.each(testBackends())("GraphQL client errors on $name", (backend) => {
  let platform: TestPlatform;
  const nodeEnv = process.env.NODE_ENV;
  beforeAll(async () => {
    // Apollo shows stacks when NODE_ENV is development unless told otherwise.
    process.env.NODE_ENV = "development";
    platform = await startTestPlatform(backend, { etl: false, allowAnonymousReports: true });
  });
  afterAll(async () => {
    process.env.NODE_ENV = nodeEnv;
    await platform.stop();
  });

  it.each([
    ["a string", "x"],
    ["an array", [1]],
    ["null", null],
  ])("answers a report variable given as %s with 400 BAD_USER_INPUT", async (_, report) => {
    const { status, body } = await post(platform, { query: submit, variables: { report } });
    expect(status).toBe(400);
    expect(codes(body)).toEqual(["BAD_USER_INPUT"]);
    expect(body.errors?.[0]?.message).toMatch(/\$report/);
  });

  it.each([
    ["a string", '"x"'],
    ["an array", "[1]"],
    ["null", "null"],
  ])("answers a report literal given as %s with 400 GRAPHQL_VALIDATION_FAILED", async (_, literal) => {
    const { status, body } = await post(platform, { query: `mutation { submitReport(report: ${literal}) { id } }` });
    expect(status).toBe(400);
    expect(codes(body)).toEqual(["GRAPHQL_VALIDATION_FAILED"]);
  });

  it("answers sign-in on a server without account services with NOT_FOUND, not a retryable 503", async () => {
    const { status, body } = await post(platform, { query: "mutation { requestSignIn { message } }" });
    expect(status).toBe(200);
    expect(codes(body)).toEqual(["NOT_FOUND"]);
    expect(body.errors?.[0]?.message).toBe("sign-in and notifications are not served here");
  });

  it("answers a bad variable value with 400 BAD_USER_INPUT naming the variable", async () => {
    const query = "query($first: Int!) { reports(first: $first) { nodes { reportId } } }";
    const { status, body } = await post(platform, { query, variables: { first: "x" } });
    expect(status).toBe(400);
    expect(body.errors).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(/\$first.*Int/) as unknown,
        extensions: { code: "BAD_USER_INPUT" },
      }),
    ]);
  });

  it("answers a persisted query whose hash does not match with 400 PERSISTED_QUERY_HASH_MISMATCH", async () => {
    const { status, body } = await post(platform, {
      query: "{ __typename }",
      extensions: { persistedQuery: { version: 1, sha256Hash: sha256("{ other }") } },
    });
    expect(status).toBe(400);
    expect(body.errors).toEqual([
      { message: "provided sha does not match query", extensions: { code: "PERSISTED_QUERY_HASH_MISMATCH" } },
    ]);
  });

  it("answers an unknown persisted query with 400 PERSISTED_QUERY_NOT_FOUND, then runs it once registered", async () => {
    const query = "{ __typename }";
    const extensions = { persistedQuery: { version: 1, sha256Hash: sha256(query) } };
    const unknown = await post(platform, { extensions });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([
      { message: "PersistedQueryNotFound", extensions: { code: "PERSISTED_QUERY_NOT_FOUND" } },
    ]);
    expect((await post(platform, { query, extensions })).body).toMatchObject({ data: { __typename: "Query" } });
    expect((await post(platform, { extensions })).body).toMatchObject({ data: { __typename: "Query" } });
  });

  it("answers an operation name the document does not hold with 400, never running another operation", async () => {
    const { status, body } = await post(platform, { query: "query Op0 { __typename }", operationName: "Nope" });
    expect(status).toBe(400);
    expect(body).not.toHaveProperty("data.__typename");
    expect(body.errors).toEqual([expect.objectContaining({ message: 'Unknown operation named "Nope".' })]);
    expect(codes(body)).not.toContain("INTERNAL_SERVER_ERROR");
  });

  it("answers a body Fastify refuses (malformed JSON, an unparsed media type) in GraphQL's error shape", async () => {
    for (const [contentType, body, status] of [
      ["application/json", "{", 400],
      ["application/xml", "<query/>", 415],
    ] as const) {
      const response = await fetch(`${platform.url}/graphql`, {
        method: "POST",
        headers: { "content-type": contentType },
        body,
      });
      expect(response.status).toBe(status);
      const answer = (await response.json()) as { errors?: Record<string, unknown>[] };
      expect(answer.errors).toEqual([
        { message: expect.any(String) as unknown, extensions: { code: expect.any(String) as unknown } },
      ]);
    }
  });

  it("answers a subscription sent over HTTP with 400 and where to send it", async () => {
    const { status, body } = await post(
      platform,
      { query: "subscription { reportProcessed { reportId } }" },
      { "x-forwarded-proto": "https" },
    );
    expect(status).toBe(400);
    const host = new URL(platform.url).host;
    expect(body.errors).toEqual([
      {
        message: `subscriptions need a WebSocket: connect to wss://${host}/graphql with graphql-ws`,
        extensions: { code: "BAD_REQUEST" },
      },
    ]);
  });

  it("masks our own faults as INTERNAL_SERVER_ERROR with no stack, whatever NODE_ENV says", async () => {
    const syntax = await post(platform, { query: "{" });
    expect(syntax.status).toBe(400);
    expect(syntax.body.errors?.[0]?.extensions).toEqual({ code: "GRAPHQL_PARSE_FAILED" });
    await platform.database.db.execute(sql`ALTER TABLE reports RENAME TO reports_away`);
    try {
      const { status, body } = await post(platform, { query: "{ reports(first: 1) { nodes { reportId } } }" });
      expect(status).toBe(200);
      expect(body.errors).toEqual([
        {
          message: "Internal server error",
          path: ["reports"],
          locations: [{ line: 1, column: 3 }],
          extensions: { code: "INTERNAL_SERVER_ERROR" },
        },
      ]);
    } finally {
      await platform.database.db.execute(sql`ALTER TABLE reports_away RENAME TO reports`);
    }
  });
});

describe.each(testBackends())("GraphQL error details on request on $name", (backend) => {
  let platform: TestPlatform;
  beforeAll(async () => {
    platform = await startTestPlatform(backend, { etl: false, api: { exposeErrorDetails: true } });
  });
  afterAll(() => platform.stop());

  it("shows our own fault's message and stack when EXPOSE_ERROR_DETAILS asks for them", async () => {
    await platform.database.db.execute(sql`ALTER TABLE reports RENAME TO reports_away`);
    try {
      const { body } = await post(platform, { query: "{ reports(first: 1) { nodes { reportId } } }" });
      const [error] = body.errors ?? [];
      expect(error?.message).toMatch(/reports/);
      expect(error?.extensions).toMatchObject({ code: "INTERNAL_SERVER_ERROR" });
      expect((error?.extensions as { stacktrace?: unknown }).stacktrace).toEqual(expect.any(Array));
    } finally {
      await platform.database.db.execute(sql`ALTER TABLE reports_away RENAME TO reports`);
    }
  });
});
