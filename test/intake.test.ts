import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "../src/db/client.js";
import { releases, reports } from "../src/db/schema/index.js";
import { createApiToken, createTester } from "../src/db/queries/tester.queries.js";
import { verifyDerivedCounts } from "../src/db/queries/derived.queries.js";
import { TESTER, testerWithToken, v3Report } from "./factories/report.factory.js";
import { loadFixture } from "./fixtures/index.js";
import { graphql } from "./generated/index.js";
import { testBackends } from "./helpers/database.js";
import { startTestPlatform, type TestPlatform } from "./helpers/server.js";

describe.each(testBackends())("v3 and GraphQL intake on $name", (backend) => {
  let platform: TestPlatform;
  let token: string;
  beforeAll(async () => {
    platform = await startTestPlatform(backend);
    token = await testerWithToken(platform.database.db);
  });
  afterAll(() => platform.stop());

  const post = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${platform.url}/v3/report`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}`, ...headers },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });
  const processed = (id: string) => platform.processedReport(id);

  it("stores a valid report, answers 201 with its id, and counts it", async () => {
    const fixture = loadFixture("v3-perl5-valid") as { distribution: { name: string; version: string } };
    const response = await post(fixture);
    expect(response.status).toBe(201);
    const { id } = (await response.json()) as { id: string };
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const document = await processed(id);
    expect(document).toMatchObject({ source: "v3", testerId: TESTER.id, error: null });
    const [row] = await platform.database.db
      .select()
      .from(reports)
      .where(sql`guid = ${id}`);
    expect(row).toMatchObject({ dist: fixture.distribution.name, version: fixture.distribution.version });
    expect(await verifyDerivedCounts(platform.database.db)).toEqual([]);
  });

  it("answers a resubmission with the same id and changes nothing; other content under that id is 409", async () => {
    const report = v3Report({ dist: "Retry-Me" });
    const first = await post(report);
    expect(first.status).toBe(201);
    await processed(report.id);
    const again = await post(report);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ id: report.id });
    const changed = await post({ ...report, result: { ...report.result, grade: "fail" } });
    expect(changed.status).toBe(409);
    expect(await changed.json()).toEqual({
      errors: [
        { message: `report ${report.id} was already submitted with different content; a new report needs a new id` },
      ],
    });
    const rows = await platform.database.db
      .select()
      .from(releases)
      .where(sql`dist = 'Retry-Me'`);
    expect(rows.map((r) => [r.pass, r.fail])).toEqual([[1, 0]]);
  });

  it("counts a retry once when a report without id carries the same Idempotency-Key", async () => {
    const { id: _none, created: _unset, ...report } = v3Report({ dist: "Keyed-Retry" });
    const key = { "idempotency-key": "smoke-box-1/Keyed-Retry-1.00/run-42" };
    const first = await post(report, key);
    expect(first.status).toBe(201);
    const { id } = (await first.json()) as { id: string };
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    await processed(id);
    const retry = await post(report, key);
    expect(retry.status).toBe(200);
    expect(await retry.json()).toEqual({ id });

    // The key belongs to its tester: another tester's same key is another report.
    const bo = { id: "5f0e1d2c-3b4a-4c5d-8e6f-708192a3b4c5", fullName: "Bo", email: "bo@example.org" };
    await createTester(platform.database.db, bo);
    const boToken = await createApiToken(platform.database.db, bo.id, "test");
    const other = await post(report, { ...key, authorization: `Bearer ${boToken}` });
    expect(other.status).toBe(201);
    const { id: otherId } = (await other.json()) as { id: string };
    expect(otherId).not.toBe(id);
    await processed(otherId);

    // An id in the document wins over the key.
    const withId = v3Report({ dist: "Keyed-Retry" });
    const explicit = await post(withId, key);
    expect(await explicit.json()).toEqual({ id: withId.id });
    await processed(withId.id);

    const rows = await platform.database.db
      .select()
      .from(releases)
      .where(sql`dist = 'Keyed-Retry'`);
    expect(rows.map((r) => r.pass)).toEqual([3]);
  });

  it("refuses an Idempotency-Key it cannot use, rather than count retries again", async () => {
    const { id: _none, ...report } = v3Report({ dist: "Bad-Key" });
    const response = await post(report, { "idempotency-key": "x".repeat(256) });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      errors: [
        {
          message: `Idempotency-Key must be one value of 1..255 visible ASCII characters, got "${"x".repeat(256)}"`,
        },
      ],
    });
  });

  it("rejects a perl version with a leading v with 400, a message and a JSON pointer", async () => {
    const response = await post(loadFixture("v3-perl5-invalid-version-v"));
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      errors: [
        { path: "/environment/language/version", message: 'must match pattern "^5\\.\\d+\\.\\d+", got "v5.26.3"' },
      ],
    });
  });

  it("stores a Perl 6 report without counting it", async () => {
    const response = await post(loadFixture("v3-perl6-valid"));
    expect(response.status).toBe(201);
    const { id } = (await response.json()) as { id: string };
    await processed(id);
    expect(
      await platform.database.db
        .select()
        .from(reports)
        .where(sql`guid = ${id}`),
    ).toEqual([]);
  });

  it("says what is wrong with malformed JSON, a wrong content type and an oversized body", async () => {
    const malformed = await post('{"reporter": ');
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { errors: { message: string }[] }).errors[0]?.message).toMatch(
      /^expected a JSON body, got malformed JSON/,
    );
    const text = await post("hello", { "content-type": "text/plain" });
    expect(text.status).toBe(415);
    expect(await text.json()).toEqual({
      errors: [{ message: "expected Content-Type application/json, got text/plain" }],
    });
    const huge = await post({ ...v3Report(), comments: "x".repeat(1024 ** 2) });
    expect(huge.status).toBe(413);
    expect(await huge.json()).toEqual({
      errors: [{ message: "request body is larger than the limit of 1048576 bytes" }],
    });
  });

  it("requires a valid token allowed to submit", async () => {
    const anonymous = await post(v3Report(), { authorization: "" });
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toEqual({
      errors: [{ message: "an API token is required: send `Authorization: Bearer <token>`" }],
    });
    const unknown = await post(v3Report(), { authorization: "Bearer cpt_nope" });
    expect(unknown.status).toBe(401);
    const uploader = await testerWithToken(platform.database.db, ["upload:write"]);
    const forbidden = await post(v3Report(), { authorization: `Bearer ${uploader}` });
    expect(forbidden.status).toBe(403);
    expect(await forbidden.json()).toEqual({
      errors: [{ message: "this token may not submit reports: it has scopes upload:write" }],
    });
  });

  it("keeps the reports around a bad one", async () => {
    const good = [v3Report({ dist: "Neighbour" }), v3Report({ dist: "Neighbour" })];
    const bad = { ...v3Report(), result: { grade: "splendid", output: {} } };
    const responses = await Promise.all([post(good[0]), post(bad), post(good[1])]);
    expect(responses.map((r) => r.status)).toEqual([201, 400, 201]);
    await Promise.all(good.map((report) => processed(report.id)));
    const [release] = await platform.database.db
      .select()
      .from(releases)
      .where(sql`dist = 'Neighbour'`);
    expect(release?.pass).toBe(2);
  });

  it("replaces NUL characters, which Postgres cannot store, instead of losing the report", async () => {
    const report = v3Report({ dist: "Binary-Output" });
    report.result.output = { test: "garbage \u0000 in the log" };
    expect((await post(report)).status).toBe(201);
    const [row] = await queryRows<{ text: string }>(
      platform.database.db,
      sql`select document->'result'->'output'->>'test' as text from report_documents where id = ${report.id}`,
    );
    expect(row?.text).toBe("garbage \uFFFD in the log");
  });

  it("takes reports through the submitReport mutation with the same validation", async () => {
    const mutation = graphql(`
      mutation Submit($report: JSONObject!) {
        submitReport(report: $report) {
          id
          created
        }
      }
    `);
    const report = v3Report({ dist: "Via-GraphQL" });
    const withToken = async (variables: { report: unknown }) => {
      const response = await fetch(`${platform.url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: (await import("graphql")).print(mutation), variables }),
      });
      return response.json() as Promise<{ data?: unknown; errors?: { message: string; extensions: unknown }[] }>;
    };
    const cost = { extensions: { cost: { limit: 1000, nodes: 0, requested: 1 } } };
    expect(await withToken({ report })).toEqual({ data: { submitReport: { id: report.id, created: true } }, ...cost });
    expect(await withToken({ report })).toEqual({ data: { submitReport: { id: report.id, created: false } }, ...cost });
    const invalid = await withToken({ report: { ...report, id: undefined, reporter: {} } });
    expect(invalid.errors).toEqual([
      expect.objectContaining({
        message: "invalid report: /reporter/email: is required",
        extensions: { code: "BAD_USER_INPUT", details: [{ path: "/reporter/email", message: "is required" }] },
      }),
    ]);
    const anonymous = await platform.graphql(mutation, { report: v3Report() });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    await processed(report.id);
  });
});

describe.each(testBackends())("anonymous v3 intake on $name", (backend) => {
  let platform: TestPlatform;
  beforeAll(async () => (platform = await startTestPlatform(backend, { allowAnonymousReports: true })));
  afterAll(() => platform.stop());

  it("accepts a report without a token when the server allows it", async () => {
    const response = await fetch(`${platform.url}/v3/report`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(v3Report()),
    });
    expect(response.status).toBe(201);
  });
});
