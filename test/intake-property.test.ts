import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "../src/db/client.js";
import { verifyDerivedCounts } from "../src/db/queries/derived.queries.js";
import { processAll } from "../src/etl/process-batch.js";
import { buildReportFact, FACT_TYPES, GRADES } from "../src/report/index.js";
import { TESTER, testerWithToken } from "./factories/report.factory.js";
import { testBackends } from "./helpers/database.js";
import { startTestPlatform, testLog, type TestPlatform } from "./helpers/server.js";

/*
 * Generated submissions, valid and mutated, over both protocols. Whatever intake answers must
 * hold afterwards: a 2xx is processed by the ETL without error (and counted when it is Perl 5);
 * anything else is a 4xx that stored nothing.
 */

const RUNS = 200;

/** Strings that reach the limits and the places where databases differ from JSON. */
const awkward = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.string({ unit: "binary", maxLength: 12 }),
  fc.constantFrom("", " ", "\u0000", "\ud800", "x\udfff", "\ud83d\ude00", "é", "<b>", "'; drop table reports;--"),
  fc.integer({ min: 195, max: 205 }).map((n) => "D".repeat(n)),
  fc.integer({ min: 250, max: 260 }).map((n) => "a".repeat(n)),
);

/** Usually `valid`, now and then `mutated`: about a third of the documents keep every field valid. */
function mostly<T, U>(valid: fc.Arbitrary<T>, mutated: fc.Arbitrary<U>): fc.Arbitrary<T | U> {
  return fc.oneof({ arbitrary: valid, weight: 12 }, { arbitrary: mutated, weight: 1 });
}

const perlVersion = fc.oneof(
  fc.constantFrom(
    "5.36.0",
    "v5.38.2",
    "5.40.0 RC1",
    "5.10.1 patch 12345",
    "5.8.8",
    "5.40000.1",
    "5.36.99999999999999999999",
  ),
  fc.tuple(fc.nat({ max: 1_200 }), fc.nat({ max: 1_200 })).map(([minor, patch]) => `5.${minor}.${patch}`),
  awkward,
);

const validPerl = fc.tuple(fc.nat({ max: 999 }), fc.nat({ max: 999 })).map(([minor, patch]) => `5.${minor}.${patch}`);

const created = fc.oneof(
  fc.constant(undefined),
  fc
    .date({ min: new Date("0001-01-01T00:00:00Z"), max: new Date("9999-12-31T23:59:59Z"), noInvalidDate: true })
    .map((date) => date.toISOString()),
  fc.constantFrom("1969-12-31T23:59:59Z", "1970-01-01T00:00:00Z", "2026-02-30T00:00:00Z", "soon"),
);

/** JSON values nested around the depth limit, as `comments` (any JSON is allowed there). */
const comments = fc.oneof(
  fc.constant(undefined),
  fc.jsonValue({ maxDepth: 3 }),
  fc.integer({ min: 60, max: 66 }).map((levels) => {
    let value: unknown = "leaf";
    for (let i = 0; i < levels; i++) value = [value];
    return value;
  }),
  awkward,
);

const v3Body = fc
  .record({
    id: mostly(fc.oneof(fc.constant(undefined), fc.uuid({ version: 4 })), fc.constant("not-a-uuid")),
    created: mostly(fc.constant(undefined), created),
    name: mostly(fc.string({ maxLength: 20 }), awkward),
    email: mostly(fc.constant("tester@example.org"), awkward),
    language: mostly(fc.constantFrom("Perl 5", "Perl 5", "Perl 6"), fc.constant("Perl 7")),
    perl: mostly(validPerl, perlVersion),
    archname: mostly(fc.constant("x86_64-linux"), awkward),
    osname: mostly(fc.constant("linux"), awkward),
    dist: mostly(fc.constantFrom("Foo-Bar", "Acme-Prop"), awkward),
    version: mostly(fc.constant("1.00"), awkward),
    grade: mostly(fc.constantFrom(...GRADES), fc.oneof(fc.constant("PASS"), awkward)),
    output: mostly(fc.string({ maxLength: 40 }), awkward),
    comments: mostly(fc.constant(undefined), comments),
    prerequisites: mostly(
      fc.constant(undefined),
      fc.oneof(
        fc.constant(undefined),
        fc.array(fc.record({ phase: fc.constant("runtime"), name: awkward, need: fc.constant("0") }), { maxLength: 3 }),
        fc.constantFrom(4_999, 5_000, 5_001).map((n) => Array.from({ length: n }, () => ({}))),
      ),
    ),
  })
  .map((g) => ({
    ...(g.id === undefined ? {} : { id: g.id }),
    ...(g.created === undefined ? {} : { created: g.created }),
    reporter: { name: g.name, email: g.email },
    environment: {
      language: { name: g.language, version: g.perl, archname: g.archname },
      system: { osname: g.osname },
    },
    distribution: {
      name: g.dist,
      version: g.version,
      ...(g.prerequisites === undefined ? {} : { prerequisites: g.prerequisites }),
    },
    result: { grade: g.grade, output: { test: g.output } },
    ...(g.comments === undefined ? {} : { comments: g.comments }),
  }));

const metabaseBody = fc
  .record({
    dist: mostly(
      fc.constantFrom("Foo-Bar", "Acme-Prop"),
      awkward.filter((s) => !s.includes("/")),
    ),
    version: mostly(
      fc.constant("1.00"),
      awkward.filter((s) => !s.includes("/")),
    ),
    perl: mostly(validPerl, perlVersion),
    grade: mostly(fc.constantFrom("pass", "FAIL", "na", "unknown"), awkward),
    osname: mostly(fc.constant("linux"), awkward),
    archname: mostly(fc.constant("x86_64-linux"), awkward),
    textreport: mostly(fc.string({ maxLength: 40 }), awkward),
    creationTime: mostly(
      fc.constant("2026-03-01T12:00:00Z"),
      fc.constantFrom("1969-12-31T23:59:59Z", "2026-13-01T00:00:00Z"),
    ),
  })
  .map((g) =>
    buildReportFact(
      randomUUID(),
      {
        resource: `cpan:///distfile/ZTEST/${g.dist}-${g.version}.tar.gz`,
        creator: `metabase:user:${TESTER.id}`,
        creationTime: g.creationTime,
      },
      [
        {
          type: FACT_TYPES.legacyReport,
          guid: randomUUID(),
          content: {
            grade: g.grade,
            osname: g.osname,
            archname: g.archname,
            perl_version: g.perl,
            textreport: g.textreport,
          },
        },
      ],
    ),
  );

const submission = fc.oneof(
  v3Body.map((body) => ({ protocol: "v3" as const, body })),
  metabaseBody.map((body) => ({ protocol: "metabase" as const, body })),
);

type Submission = typeof submission extends fc.Arbitrary<infer T> ? T : never;

describe.each(testBackends())("intake properties on $name", (backend) => {
  let platform: TestPlatform;
  let token: string;
  beforeAll(async () => {
    // No worker: each accepted report is processed by the test itself, right after its answer.
    platform = await startTestPlatform(backend, { etl: false });
    token = await testerWithToken(platform.database.db);
  });
  afterAll(() => platform.stop());

  const count = async (query: string): Promise<number> =>
    (await queryRows<{ n: number }>(platform.database.db, sql.raw(query)))[0]?.n ?? -1;

  function post({ protocol, body }: Submission): Promise<Response> {
    const v3 = protocol === "v3";
    return fetch(`${platform.url}${v3 ? "/v3/report" : "/api/v1/submit/CPAN-Testers-Report"}`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        authorization: v3
          ? `Bearer ${token}`
          : `Basic ${Buffer.from(`${TESTER.id}:metabase-secret`).toString("base64")}`,
      },
      body: JSON.stringify(body),
    });
  }

  it("accepted means processed and counted; refused means 4xx and nothing stored", { timeout: 120_000 }, async () => {
    const answers = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(submission, async (input) => {
        const storedBefore = await count("select count(*)::int as n from report_documents");
        const response = await post(input);
        const answer = (await response.json()) as { id?: string; guid?: string };
        answers.set(response.status, (answers.get(response.status) ?? 0) + 1);
        if (response.status >= 300) {
          expect(response.status).toBeGreaterThanOrEqual(400);
          expect(response.status).toBeLessThan(500);
          expect(await count("select count(*)::int as n from report_documents")).toBe(storedBefore);
          return;
        }
        const id = answer.id ?? answer.guid;
        expect(await processAll({ db: platform.database.db, log: testLog }, 100)).toMatchObject({ failed: 0 });
        const [document] = await queryRows<{ error: string | null; processed: boolean; perl5: boolean }>(
          platform.database.db,
          sql`select error, processed_at is not null as processed,
                document->'environment'->'language'->>'name' = 'Perl 5' as perl5
              from report_documents where id = ${id}`,
        );
        expect(document).toMatchObject({ error: null, processed: true });
        const rows = await count(`select count(*)::int as n from reports where guid = '${id}'`);
        expect(rows).toBe(document?.perl5 ? 1 : 0);
      }),
      { numRuns: RUNS },
    );
    expect(await verifyDerivedCounts(platform.database.db)).toEqual([]);
    // The generators must reach both sides, or the property proves nothing.
    expect([...answers.keys()].some((status) => status < 300)).toBe(true);
    expect([...answers.keys()].some((status) => status >= 400)).toBe(true);
  });
});
