import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { INTAKE_JSON_DEFAULTS } from "../src/config.js";
import { queryRows } from "../src/db/client.js";
import { buildReportFact, FACT_TYPES, type ReportDocument } from "../src/report/index.js";
import { TESTER, testerWithToken, v3Report } from "./factories/report.factory.js";
import { testBackends } from "./helpers/database.js";
import { startTestPlatform, type TestPlatform } from "./helpers/server.js";

const MAX_STRING = 4_096;
const DEPTH = INTAKE_JSON_DEFAULTS.maxDepth;

/** A v3 body without the server-filled fields, as a client sends it. */
function body(changes: Partial<ReportDocument> = {}): Record<string, unknown> {
  const { id: _id, created: _created, ...report } = v3Report();
  return { ...report, ...changes };
}

/** `levels` arrays one inside the other: as `comments`, the body is one level deeper. */
function nested(levels: number): unknown {
  let value: unknown = 1;
  for (let level = 0; level < levels; level++) value = [value];
  return value;
}

function metabaseFact(legacy: Record<string, unknown>): unknown {
  const guid = randomUUID();
  const stamp = {
    resource: "cpan:///distfile/ZTEST/Limits-Test-1.00.tar.gz",
    creator: `metabase:user:${TESTER.id}`,
    creationTime: "2026-03-01T12:00:00Z",
  };
  const content = {
    grade: "pass",
    osname: "linux",
    archname: "x86_64-linux",
    perl_version: "5.36.0",
    textreport: "All tests successful.",
    ...legacy,
  };
  return buildReportFact(guid, stamp, [{ type: FACT_TYPES.legacyReport, guid: randomUUID(), content }]);
}

describe.each(testBackends())("intake limits on $name", (backend) => {
  let platform: TestPlatform;
  let token: string;
  beforeAll(async () => {
    platform = await startTestPlatform(backend, {
      etl: false,
      // Room for a million empty prerequisites (3 MB), which must be refused for what they are.
      bodyLimit: 8 * 1024 ** 2,
      intakeJsonLimits: { maxDepth: DEPTH, maxStringLength: MAX_STRING },
    });
    token = await testerWithToken(platform.database.db);
  });
  afterAll(() => platform.stop());

  const postV3 = (payload: unknown) =>
    fetch(`${platform.url}/v3/report`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: typeof payload === "string" ? payload : JSON.stringify(payload),
    });
  const postMetabase = (payload: unknown) =>
    fetch(`${platform.url}/api/v1/submit/CPAN-Testers-Report`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        authorization: `Basic ${Buffer.from(`${TESTER.id}:metabase-secret`).toString("base64")}`,
      },
      body: JSON.stringify(payload),
    });
  const storedDocuments = async () =>
    (await queryRows<{ n: number }>(platform.database.db, sql`select count(*)::int as n from report_documents`))[0]?.n;

  /** Posts a v3 body and returns the status and the first error, checking that a refusal stored nothing. */
  async function v3Outcome(payload: unknown): Promise<{ status: number; error?: { message: string; path?: string } }> {
    const before = await storedDocuments();
    const response = await postV3(payload);
    const answer = (await response.json()) as { errors?: { message: string; path?: string }[] };
    if (response.status >= 400) expect(await storedDocuments()).toBe(before);
    return { status: response.status, ...(answer.errors?.[0] ? { error: answer.errors[0] } : {}) };
  }

  it("accepts a body nested exactly to the depth limit and refuses one level more, before parsing", async () => {
    expect((await v3Outcome(body({ comments: nested(DEPTH - 1) as never }))).status).toBe(201);
    expect(await v3Outcome(body({ comments: nested(DEPTH) as never }))).toEqual({
      status: 400,
      error: { message: `must not nest arrays and objects more than ${DEPTH} levels deep`, path: "" },
    });
    const deep = `{"comments":${"[".repeat(3_000)}${"]".repeat(3_000)}}`;
    expect((await v3Outcome(deep)).status).toBe(400);
  });

  it("accepts a string at the length limit and refuses one character more, naming where", async () => {
    expect((await v3Outcome(body({ comments: "x".repeat(MAX_STRING) }))).status).toBe(201);
    expect(await v3Outcome(body({ comments: "x".repeat(MAX_STRING + 1) }))).toEqual({
      status: 400,
      error: { message: `must be at most ${MAX_STRING} characters long, got ${MAX_STRING + 1}`, path: "/comments" },
    });
  });

  it("refuses a lone surrogate in a v3 body and in a Metabase report with 400, not 500", async () => {
    expect(await v3Outcome(`{"comments":"a\\ud800b"}`)).toEqual({
      status: 400,
      error: { message: "must be well-formed Unicode, got a lone surrogate at character 1", path: "/comments" },
    });
    // A surrogate pair is a character like any other.
    expect((await v3Outcome(body({ comments: "\ud83d\ude00" }))).status).toBe(201);

    const before = await storedDocuments();
    const response = await postMetabase(metabaseFact({ textreport: "ok \udc00" }));
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error:
        "invalid report: /result/output/uncategorized: must be well-formed Unicode, got a lone surrogate at character 3",
    });
    expect(await storedDocuments()).toBe(before);
  });

  it("refuses what the ETL could not count, at the edge of each column's limit", async () => {
    const perl = (version: string) =>
      body({
        environment: { ...v3Report().environment, language: { name: "Perl 5", version, archname: "x86_64-linux" } },
      });
    expect((await v3Outcome(perl("5.999.999"))).status).toBe(201);
    expect(await v3Outcome(perl("5.40000.1"))).toEqual({
      status: 400,
      error: { message: "must have a minor version of at most 999, got 40000", path: "/environment/language/version" },
    });
    expect((await v3Outcome(perl("5.36.99999999999999999999"))).error?.message).toBe(
      "must have a patch version of at most 999, got 100000000000000000000",
    );
    const dist = (name: string) => body({ distribution: { name, version: "1.00" } });
    expect((await v3Outcome(dist("D".repeat(200)))).status).toBe(201);
    expect(await v3Outcome(dist("D".repeat(201)))).toEqual({
      status: 400,
      error: { message: "must be at most 200 characters long, got 201", path: "/distribution/name" },
    });

    const response = await postMetabase(metabaseFact({ perl_version: "5.40000.1" }));
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: "invalid report: /environment/language/version: must have a minor version of at most 999, got 40000",
    });
  });

  it("lists the first 100 problems and counts the rest", async () => {
    const empty = (count: number) =>
      body({
        distribution: { name: "Many", version: "1", prerequisites: Array.from({ length: count }, () => ({}) as never) },
      });
    const response = await postV3(empty(150));
    expect(response.status).toBe(400);
    const { errors } = (await response.json()) as { errors: { message: string; path: string }[] };
    expect(errors).toHaveLength(101);
    expect(errors[0]).toEqual({ message: "is required", path: "/distribution/prerequisites/0/phase" });
    expect(errors[100]).toEqual({ message: "and 350 more problems not listed", path: "" });
  });

  it("accepts the most prerequisites a report may list, refuses one more, and a million cheaply", async () => {
    const prerequisites = (count: number) =>
      Array.from({ length: count }, (_, i) => ({ phase: "runtime", name: `Mod${i}`, need: "0" }));
    const many = (count: number) =>
      body({ distribution: { name: "Many", version: "2", prerequisites: prerequisites(count) } });
    expect((await v3Outcome(many(5_000))).status).toBe(201);
    expect(await v3Outcome(many(5_001))).toEqual({
      status: 400,
      error: { message: "must have at most 5000 items, got 5001", path: "/distribution/prerequisites" },
    });

    const million = `{"distribution":{"name":"Many","version":"3","prerequisites":[${"{},".repeat(999_999)}{}]}}`;
    const started = performance.now();
    const response = await fetch(`${platform.url}/v3/report`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: million,
    });
    expect(response.status).toBe(400);
    const answer = await response.text();
    expect(answer.length).toBeLessThan(20_000);
    expect(performance.now() - started).toBeLessThan(3_000);
  });
});
