import { spawn } from "node:child_process";
import { once } from "node:events";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { type Db, queryRows } from "../src/db/client.js";
import { reportDocuments, reports } from "../src/db/schema/index.js";
import { markInvalid, unmarkInvalid } from "../src/db/queries/invalidation.queries.js";
import { resetDerivedTables, verifyDerivedCounts } from "../src/db/queries/derived.queries.js";
import { claimDocuments, etlStatus, retryFailedDocuments } from "../src/db/queries/document-queue.queries.js";
import { processAll, processNextBatch } from "../src/etl/process-batch.js";
import { createMemoryEventBus } from "../src/events/memory-event-bus.js";
import { Topic } from "../src/events/topics.js";
import { deriveReportFacts, parseMetabaseReport, type ReportDocument } from "../src/report/index.js";
import { registerTester } from "../src/db/queries/tester.queries.js";
import { queueReports, type ReportSpec, TESTER, v3Report } from "./factories/report.factory.js";
import { loadFixture } from "./fixtures/index.js";
import { type Backend, createTestDatabase, type TestDatabase, testBackends } from "./helpers/database.js";
import { testLog } from "./helpers/server.js";
import { waitFor } from "./helpers/wait.js";

const GRADES = ["pass", "pass", "pass", "fail", "na", "unknown"] as const;
const PERLS = ["5.36.0", "5.41.3", "5.8.8", "5.40.0 RC1", "v5.38.2"];
const OSES = ["linux", "freebsd", "MSWin32", "darwin"];

/** A deterministic mix over a few releases, so that batches and workers share rows. */
function mixedReports(count: number, spec: ReportSpec = {}): ReportDocument[] {
  return Array.from({ length: count }, (_, i) =>
    v3Report({
      dist: `Dist-${i % 7}`,
      version: `1.0${i % 3}`,
      grade: GRADES[i % GRADES.length],
      perl: PERLS[i % PERLS.length],
      osname: OSES[i % OSES.length],
      email: `tester${i % 5}@example.org`,
      created: new Date(Date.UTC(2026, i % 3, 1 + (i % 27), i % 24)).toISOString(),
      ...spec,
    }),
  );
}

/** Everything derived, in a stable order, without the columns that record when processing ran. */
async function derivedState(db: Db): Promise<unknown> {
  const tables = {
    reports: "select * from reports order by id",
    releases:
      "select dist, version, pass, fail, na, unknown, stable_pass, stable_fail, stable_na, stable_unknown, latest_report_id from releases order by dist, version",
    matrix: "select * from release_matrix_cells order by 1, 2, 3, 4, 5",
    daily: "select * from stats_reports_daily order by 1, 2, 3, 4",
    monthly: "select * from stats_reports_monthly order by 1, 2, 3, 4",
    monthlyTotals: "select * from stats_reports_monthly_totals order by 1, 2",
    testers: "select * from stats_tester_months order by 1, 2",
    weekHours: "select * from stats_reports_week_hours order by 1, 2, 3",
    machines: "select * from stats_tester_machines order by 1, 2, 3, 4, 5",
    perls: "select * from perl_versions order by 1",
    uploads: "select * from uploads order by 1, 2",
  };
  const state: Record<string, unknown> = {};
  for (const [name, query] of Object.entries(tables)) state[name] = await queryRows(db, sql.raw(query));
  return state;
}

async function total(db: Db, query: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(db, sql.raw(query));
  return row?.n ?? -1;
}

describe.each(testBackends())("ETL on $name", (backend) => {
  let test: TestDatabase;
  let db: Db;
  beforeEach(async () => {
    test = await createTestDatabase(backend);
    db = test.database.db;
    return () => test.drop();
  });

  it("derives the same facts from the slim projection it reads as from the whole document", async () => {
    const metabase = parseMetabaseReport(loadFixture("metabase-submit-openbsd-fail"), {
      name: "Z",
      email: "z@example.org",
    });
    if (!metabase.ok) throw new Error("fixture does not parse");
    const full = [
      {
        ...(loadFixture("v3-perl5-valid") as ReportDocument),
        id: "1b6e2a9c-0c1d-4e5f-8a7b-9c0d1e2f3a4b",
        created: "2026-01-01T00:00:00Z",
      },
      {
        ...(loadFixture("v3-perl6-valid") as ReportDocument),
        id: "2b6e2a9c-0c1d-4e5f-8a7b-9c0d1e2f3a4b",
        created: "2026-01-01T00:00:00Z",
      },
      metabase.report,
    ];
    await queueReports(db, full);
    const claimed = await db.transaction((tx) => claimDocuments(tx, { limit: 10 }));
    expect(claimed.map((c) => deriveReportFacts(c.document))).toEqual(full.map((doc) => deriveReportFacts(doc)));
  });

  it("counts a mix of reports exactly, in every derived table, and publishes after commit", async () => {
    const events = createMemoryEventBus();
    const reportEvents = events.on(Topic.reportProcessed, { bufferSize: 1_000 });
    const releaseEvents = events.on(Topic.releaseUpdated, { bufferSize: 1_000 });
    await queueReports(db, [...mixedReports(120), ...mixedReports(3, { language: "Perl 6", perl: "6.d" })]);
    expect(await processAll({ db, events, log: testLog }, 50)).toEqual({ counted: 120, failed: 0 });
    expect(await verifyDerivedCounts(db)).toEqual([]);
    expect(await total(db, "select sum(pass + fail + na + unknown)::int as n from releases")).toBe(120);
    // 5.41.3 (odd minor) and 5.40.0 RC1 are dev perls: 2 of every 5 reports are left out of the stable view.
    expect(
      await total(db, "select sum(stable_pass + stable_fail + stable_na + stable_unknown)::int as n from releases"),
    ).toBe(72);
    expect(await etlStatus(db)).toEqual({ pending: 0, failed: 0, oldestPendingAt: null, failures: [] });

    const first: unknown = (await reportEvents.next()).value;
    expect(first).toEqual({
      id: 1,
      guid: expect.any(String) as unknown,
      dist: "Dist-0",
      version: "1.00",
      author: null,
      grade: "pass",
      osname: "linux",
      perl: "5.36.0",
      perlSeries: "5.36",
    });
    const release: unknown = (await releaseEvents.next()).value;
    expect(release).toMatchObject({
      dist: expect.stringMatching(/^Dist-/) as unknown,
      version: expect.any(String) as unknown,
    });
    await events.close();
  });

  it("finds every counter that a recount of the reports disagrees with", async () => {
    await queueReports(db, mixedReports(30));
    await processAll({ db, log: testLog }, 50);
    const counters = [
      "releases",
      "release_matrix_cells",
      "stats_reports_daily",
      "stats_reports_monthly",
      "stats_reports_monthly_totals",
      "stats_tester_months",
    ];
    for (const table of counters) {
      const column = table === "releases" ? "pass" : "reports";
      await db.execute(
        sql.raw(`update ${table} set ${column} = ${column} + 1 where ctid = (select min(ctid) from ${table})`),
      );
    }
    await db.execute(sql`delete from stats_reports_monthly_totals where grade = 'fail'`);
    const mismatches = await verifyDerivedCounts(db);
    expect([...new Set(mismatches.map((m) => m.table))].sort()).toEqual([...counters].sort());
    expect(mismatches).toContainEqual(
      expect.objectContaining({ table: "stats_reports_monthly_totals", actual: "none" }) as unknown,
    );
  });

  it("marks a document it cannot process with the error, goes on, and retries it after a fix", async () => {
    const broken = { ...v3Report({ dist: "Broken" }), created: "yesterday-ish" };
    await queueReports(db, [...mixedReports(10), broken, ...mixedReports(10)]);
    expect(await processAll({ db, log: testLog }, 8)).toEqual({ counted: 20, failed: 1 });
    const status = await etlStatus(db);
    expect(status).toMatchObject({ pending: 0, failed: 1 });
    expect(status.failures).toEqual([
      {
        id: broken.id,
        receivedAt: expect.any(Date) as unknown,
        error: `report ${broken.id}: created must be an ISO date-time, got "yesterday-ish"`,
      },
    ]);

    await db
      .update(reportDocuments)
      .set({ document: { ...broken, created: "2026-02-02T00:00:00Z" } })
      .where(sql`id = ${broken.id}`);
    expect(await retryFailedDocuments(db)).toBe(1);
    expect(await processAll({ db, log: testLog }, 8)).toEqual({ counted: 1, failed: 0 });
    expect(await verifyDerivedCounts(db)).toEqual([]);
  });

  it("isolates a document that fails inside the database, without blocking the batch", async () => {
    // A real failure mid-transaction: the database refuses one report row, after others were written.
    await db.execute(sql`create function refuse_poison() returns trigger language plpgsql as $$
      begin if new.dist = 'Poison' then raise exception 'refusing poison'; end if; return new; end $$`);
    await db.execute(
      sql`create trigger refuse_poison before insert on reports for each row execute function refuse_poison()`,
    );
    const poison = v3Report({ dist: "Poison" });
    await queueReports(db, [...mixedReports(5), poison, ...mixedReports(5)]);

    expect(await processAll({ db, log: testLog }, 20)).toEqual({ counted: 10, failed: 1 });
    expect((await etlStatus(db)).failures.map((f) => [f.id, f.error])).toEqual([[poison.id, "refusing poison"]]);
    expect(await verifyDerivedCounts(db)).toEqual([]);

    await db.execute(sql`drop trigger refuse_poison on reports`);
    await retryFailedDocuments(db);
    expect(await processAll({ db, log: testLog }, 20)).toEqual({ counted: 1, failed: 0 });
    expect(await total(db, "select count(*)::int as n from reports")).toBe(11);
    expect(await verifyDerivedCounts(db)).toEqual([]);
  });

  it("isolates poison planted among many documents by bisection, counting the rest once", async () => {
    // Documents straight in the table, as if intake had let them through: rows the database
    // refuses (a report row and a rollup row, by trigger) and facts the derivation refuses.
    const statements: string[] = [];
    const logged = await createTestDatabase(backend, { logger: { logQuery: (query) => void statements.push(query) } });
    const ldb = logged.database.db;
    try {
      await ldb.execute(sql`create function refuse_poison() returns trigger language plpgsql as $$
        begin if new.dist = 'Poison' or new.osname = 'poison-os' then raise exception 'refusing %', new.dist; end if;
        return new; end $$`);
      await ldb.execute(
        sql`create trigger refuse_poison before insert on reports for each row execute function refuse_poison()`,
      );
      await ldb.execute(
        sql`create trigger refuse_poison before insert on release_matrix_cells for each row execute function refuse_poison()`,
      );
      const clean = mixedReports(290);
      const refusedRow = [0, 1, 2].map((i) => v3Report({ dist: "Poison", version: `0.0${i}` }));
      const refusedRollup = v3Report({ dist: "Rollup-Poison", osname: "poison-os" });
      const tooLong = v3Report({ dist: "D".repeat(201) });
      const hugePerl = v3Report({ perl: "5.40000.1" });
      const poison = [...refusedRow, refusedRollup, tooLong, hugePerl];
      const documents = [...clean];
      poison.forEach((doc, i) => documents.splice(17 + i * 53, 0, doc));
      await queueReports(ldb, documents);

      statements.length = 0;
      expect(await processAll({ db: ldb, log: testLog }, 100)).toEqual({ counted: 290, failed: 6 });
      const failures = new Map((await etlStatus(ldb)).failures.map((f) => [f.id, f.error]));
      expect(Object.fromEntries(failures)).toEqual({
        ...Object.fromEntries(refusedRow.map((doc) => [doc.id, "refusing Poison"])),
        [refusedRollup.id]: "refusing Rollup-Poison",
        [tooLong.id]: `report ${tooLong.id}: distribution/name must be at most 200 characters long, got 201`,
        [hugePerl.id]: `report ${hugePerl.id}: environment/language/version must have a minor version of at most 999, got 40000`,
      });
      expect(await verifyDerivedCounts(ldb)).toEqual([]);
      expect(await total(ldb, "select count(*)::int as n from reports")).toBe(290);
      // Splitting: per batch one whole attempt, then per refused row about 4 parts on each of
      // log4(100) levels. Retrying a failed batch one document at a time would take 300 here.
      const reportInserts = statements.filter((q) => /^insert into "reports"/.test(q)).length;
      expect(reportInserts).toBeLessThanOrEqual(3 + 4 * 20);
    } finally {
      await logged.drop();
    }
  });

  it("loses nothing and counts nothing twice when a batch dies after some rows", async () => {
    // The first batch dies after its 7th report row, as a crashed worker's transaction would.
    await db.execute(sql`create sequence crash_after`);
    await db.execute(sql`create function crash_midway() returns trigger language plpgsql as $$
      begin if nextval('crash_after') = 7 then raise exception 'worker died'; end if; return new; end $$`);
    await db.execute(
      sql`create trigger crash_midway before insert on reports for each row execute function crash_midway()`,
    );
    await queueReports(db, mixedReports(60));

    expect(await processAll({ db, log: testLog }, 25)).toEqual({ counted: 60, failed: 0 });
    expect(await total(db, "select count(*)::int as n from reports")).toBe(60);
    expect(await total(db, "select sum(pass + fail + na + unknown)::int as n from releases")).toBe(60);
    expect(await verifyDerivedCounts(db)).toEqual([]);
  });

  it("rebuilds every derived table from the documents with identical results", async () => {
    await queueReports(db, mixedReports(90, { resource: "cpan:///distfile/ALICE/Dist-0-1.00.tar.gz" }));
    await processAll({ db, log: testLog }, 40);
    const before = await derivedState(db);
    await resetDerivedTables(db);
    expect(await total(db, "select count(*)::int as n from releases")).toBe(0);
    await processAll({ db, log: testLog }, 40);
    expect(await derivedState(db)).toEqual(before);
  });

  it("keeps the week's hours and registered testers' machines, verified and rebuilt", async () => {
    await registerTester(db, TESTER, "secret");
    // Arrivals: a Monday 09:xx and a Sunday 23:xx (UTC), so both ends of the ISO week are used.
    const arrivals = ["2026-03-02T09:15:00Z", "2026-03-08T23:59:59Z"];
    const byTester = mixedReports(12, { email: TESTER.email });
    const anonymous = mixedReports(8, { dist: "Anon-Dist" });
    await queueReports(db, byTester, TESTER.id);
    await queueReports(db, anonymous);
    await db.execute(sql`update report_documents set received_at = case when seq % 2 = 0
      then ${arrivals[0]}::timestamptz else ${arrivals[1]}::timestamptz end`);
    await processAll({ db, log: testLog }, 7);
    expect(await verifyDerivedCounts(db)).toEqual([]);

    const weekHours = await queryRows<{ month: string; weekday: number; hour: number; reports: number }>(
      db,
      sql`select month::text as month, weekday, hour, reports from stats_reports_week_hours order by weekday`,
    );
    expect(weekHours).toEqual([
      { month: "2026-03-01", weekday: 1, hour: 9, reports: 10 },
      { month: "2026-03-01", weekday: 7, hour: 23, reports: 10 },
    ]);
    const machines = await queryRows<{ tester: string; n: number; reports: number }>(
      db,
      sql`select tester_id::text as tester, count(*)::int as n, sum(reports)::int as reports
          from stats_tester_machines group by 1`,
    );
    // Only the registered tester's 12 reports, over its OS x perl x grade mix; anonymous ones not at all.
    expect(machines).toEqual([{ tester: TESTER.id, n: 12, reports: 12 }]);

    // A miscount is found, and a rebuild restores the same rollups.
    const before = await derivedState(db);
    await db.execute(sql`update stats_tester_machines set reports = reports + 1 where grade = 'pass'`);
    await db.execute(sql`delete from stats_reports_week_hours where weekday = 7`);
    const tables = new Set((await verifyDerivedCounts(db)).map((mismatch) => mismatch.table));
    expect(tables).toEqual(new Set(["stats_tester_machines", "stats_reports_week_hours"]));
    await resetDerivedTables(db);
    await processAll({ db, log: testLog }, 7);
    expect(await derivedState(db)).toEqual(before);
  });

  it("takes a report marked invalid out of every counter as if never counted, and puts it back", async () => {
    await registerTester(db, TESTER, "secret");
    await queueReports(db, mixedReports(20), TESTER.id);
    await processAll({ db, log: testLog }, 50);
    const counters = async () => {
      const state = (await derivedState(db)) as Record<string, unknown>;
      return { ...state, reports: undefined, releases: undefined, perls: undefined, uploads: undefined };
    };
    const withoutIt = await counters();
    // A report with rows of its own in every counter table: its own release, OS, day, tester, machine.
    const lone = v3Report({ dist: "Lone-Dist", osname: "haiku", email: TESTER.email, created: "2025-01-05T03:00:00Z" });
    await queueReports(db, [lone], TESTER.id);
    await processAll({ db, log: testLog }, 50);
    const withIt = await counters();
    const [row] = await db.select().from(reports).where(eq(reports.guid, lone.id));
    if (!row) throw new Error("the lone report was not counted");

    const marked = await db.transaction((tx) =>
      markInvalid(tx, row, { author: "ANDK", reason: "test", at: new Date() }),
    );
    expect(marked).toMatchObject({ dist: "Lone-Dist", pass: 0, fail: 0, na: 0, unknown: 0, latestReportId: 0 });
    expect(await counters()).toEqual(withoutIt);
    expect(await verifyDerivedCounts(db)).toEqual([]);

    await db.transaction((tx) => unmarkInvalid(tx, row));
    expect(await counters()).toEqual(withIt);
    expect(await verifyDerivedCounts(db)).toEqual([]);
  });

  it("gives two workers side by side exactly the counts of one", async () => {
    const documents = mixedReports(400);
    await queueReports(db, documents);
    const worker = () => processAll({ db, log: testLog }, 15);
    const [a, b] = await Promise.all([worker(), worker()]);
    expect(a.counted + b.counted).toBe(400);
    expect(await total(db, "select count(*)::int as n from reports")).toBe(400);
    expect(await verifyDerivedCounts(db)).toEqual([]);
    const twoWorkers = await derivedState(db);

    // The same documents through one worker: the same counts (ids may interleave differently).
    await resetDerivedTables(db);
    await processAll({ db, log: testLog }, 15);
    const oneWorker = (await derivedState(db)) as Record<string, unknown>;
    const withoutIds = (state: Record<string, unknown>) => ({ ...state, reports: undefined, releases: undefined });
    expect(withoutIds(twoWorkers as Record<string, unknown>)).toEqual(withoutIds(oneWorker));
  });
});

const postgresBackends = testBackends().filter((backend) => backend.postgresUrl);

describe.each(postgresBackends)("ETL commit order on $name", (backend: Backend) => {
  it("makes report ids visible without gaps, so a since-id poller never skips a late commit", async () => {
    const test = await createTestDatabase(backend);
    const { db } = test.database;
    try {
      // The first worker's batch stalls after writing its report rows, before it commits.
      await db.execute(sql`create function stall() returns trigger language plpgsql as $$
        begin if new.dist = 'Slow-Commit' then perform pg_sleep(1); end if; return new; end $$`);
      await db.execute(
        sql`create trigger stall before insert on release_matrix_cells for each row execute function stall()`,
      );
      await queueReports(db, mixedReports(5, { dist: "Slow-Commit" }));
      const slow = processNextBatch({ db, log: testLog }, 5);
      await waitFor(
        async () =>
          (await total(db, "select count(*)::int as n from pg_locks where locktype = 'advisory'")) > 0
            ? true
            : undefined,
        "the first batch to start writing",
      );
      await queueReports(db, mixedReports(5));
      const fast = processNextBatch({ db, log: testLog }, 5);

      // Poll as a since-id consumer would, until the stalled batch has committed too.
      const gaps: number[] = [];
      let slowDone = false;
      void slow.then(() => (slowDone = true));
      while (!slowDone) {
        const [seen] = await queryRows<{ n: number; max: number | null }>(
          db,
          sql`select count(*)::int as n, max(id)::int as max from reports`,
        );
        if (seen && seen.max !== null && seen.max !== seen.n) gaps.push(seen.max - seen.n);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await fast;
      await slow;
      expect(gaps).toEqual([]);
      expect(await total(db, "select count(*)::int as n from reports")).toBe(10);
    } finally {
      await test.drop();
    }
  });
});

describe.each(postgresBackends)("ETL process killed with SIGKILL on $name", (backend: Backend) => {
  let test: TestDatabase;
  afterAll(() => test.drop());

  it("loses nothing and counts nothing twice after restarting", async () => {
    test = await createTestDatabase(backend);
    const { db } = test.database;
    await queueReports(db, mixedReports(3_000));
    const cli = new URL("../src/cli.ts", import.meta.url).pathname;
    const env = {
      PATH: process.env.PATH ?? "",
      DATABASE_URL: test.url ?? "",
      ETL_BATCH_SIZE: "25",
      ETL_PORT: "0",
      LOG_LEVEL: "silent",
    };

    const worker = spawn(process.execPath, ["--import", "tsx", cli, "etl"], { env, stdio: "ignore" });
    await waitFor(
      async () => ((await total(db, "select count(*)::int as n from reports")) > 300 ? true : undefined),
      "the worker to count some reports",
      30_000,
    );
    worker.kill("SIGKILL");
    await once(worker, "exit");
    const countedBeforeKill = await total(db, "select count(*)::int as n from reports");
    expect(countedBeforeKill).toBeLessThan(3_000);

    const rerun = spawn(process.execPath, ["--import", "tsx", cli, "etl", "--once"], { env, stdio: "ignore" });
    const [code] = (await once(rerun, "exit")) as [number];
    expect(code).toBe(0);
    expect(await total(db, "select count(*)::int as n from reports")).toBe(3_000);
    expect(await total(db, "select sum(pass + fail + na + unknown)::int as n from releases")).toBe(3_000);
    expect(await verifyDerivedCounts(db)).toEqual([]);
    expect(await etlStatus(db)).toMatchObject({ pending: 0, failed: 0 });
  });
});
