import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PLANTED, plantedReports } from "../bench/generate/planted-causes.js";
import { rankFactors, searchFor, searchWords } from "../src/analysis/index.js";
import { queryRows } from "../src/db/client.js";
import { flakyMachines, releaseFactorRows } from "../src/db/queries/analysis.queries.js";
import {
  failuresOfReports,
  releaseFailureGroups,
  spreadingSignatures,
} from "../src/db/queries/failure-signature.queries.js";
import { searchReportTexts } from "../src/db/queries/report-search.queries.js";
import { seriesBreaks } from "../src/db/queries/regression.queries.js";
import { resetDerivedTables, verifyDerivedCounts } from "../src/db/queries/derived.queries.js";
import { processAll } from "../src/etl/process-batch.js";
import { createMemoryEventBus } from "../src/events/memory-event-bus.js";
import { type RegressionDetectedPayload, Topic } from "../src/events/topics.js";
import { queueReports } from "./factories/report.factory.js";
import { createTestDatabase, type TestDatabase, testBackends } from "./helpers/database.js";
import { testLog } from "./helpers/server.js";

describe.each(testBackends())("why it fails ($name)", (backend) => {
  let test: TestDatabase;
  const regressions: RegressionDetectedPayload[] = [];
  const db = () => test.database.db;

  beforeAll(async () => {
    test = await createTestDatabase(backend);
    const events = createMemoryEventBus();
    const feed = events.on(Topic.regressionDetected);
    void (async () => {
      for await (const event of feed) regressions.push(event);
    })();
    await queueReports(db(), plantedReports());
    // Small batches: the regression must be found whichever batch brings its first fail.
    await processAll({ db: db(), events, log: testLog }, 37);
  });
  afterAll(() => test.drop());

  const factorsOf = async (dist: string, version: string) => rankFactors(await releaseFactorRows(db(), dist, version));

  it("ranks the breaking prerequisite first, naming the versions", async () => {
    const { dist, version, module, breaking, lastGood } = PLANTED.prerequisite;
    const [first] = (await factorsOf(dist, version)).factors;
    expect(first).toMatchObject({
      kind: "prereq",
      name: module,
      operator: ">=",
      value: breaking,
      below: lastGood,
      passesWith: 0,
      failsWithout: 0,
    });
  });

  it("ranks the development perl first for each release it breaks, and lists them as Blead Breaks CPAN", async () => {
    const { dists, version, stable, dev } = PLANTED.blead;
    for (const dist of dists) {
      expect((await factorsOf(dist, version)).factors[0]).toMatchObject({ kind: "perl", operator: ">=", value: dev });
    }
    const breaks = await seriesBreaks(db(), stable, "5.41");
    expect(breaks.map((b) => b.dist)).toEqual([...dists]);
  });

  it("shows no factor for a release whose fails are random", async () => {
    const ranking = await factorsOf(PLANTED.noCause.dist, PLANTED.noCause.version);
    expect(ranking.reports).toBe(80);
    expect(ranking.tested).toBeGreaterThan(10);
    expect(ranking.factors).toEqual([]);
  });

  it("flags the machine that both passes and fails", async () => {
    const flaky = await flakyMachines(db(), PLANTED.flaky.dist, PLANTED.flaky.version);
    expect(flaky).toHaveLength(1);
    expect(flaky[0]).toMatchObject({ tester: PLANTED.flaky.tester, passes: 1, fails: 1 });
  });

  it("groups a release's failures by signature and finds the one spreading across distributions", async () => {
    const groups = await releaseFailureGroups(db(), PLANTED.prerequisite.dist, PLANTED.prerequisite.version, 10);
    expect(groups).toHaveLength(1);
    expect(groups[0]).toMatchObject({
      kind: "undefined-subroutine",
      title: "Undefined subroutine &Moo::_Utils::_install_tracked called",
      testFiles: ["t/accessors.t"],
    });
    const spreading = await spreadingSignatures(db(), new Date("2026-11-15T00:00:00Z"), 2, 5);
    expect(spreading[0]).toMatchObject({ title: `${PLANTED.recurring.text}`, distributions: 4, reports: 12 });
    const [example] = groups[0]?.exampleIds ?? [];
    const [failure] = await failuresOfReports(db(), [example ?? 0]);
    expect(failure?.others).toBe((groups[0]?.reports ?? 0) - 1);
  });

  it("keeps no planner statistics of the searched texts, whose estimates cost more than the search", async () => {
    await queryRows(db(), sql`analyze report_texts`);
    const stats = await queryRows<{ attname: string }>(
      db(),
      sql`select attname from pg_stats where tablename = 'report_texts' order by attname`,
    );
    expect(stats.map((row) => row.attname)).toEqual(["report_id"]);
  });

  it("finds exactly the reports that contain a text, page by page", async () => {
    const seen: number[] = [];
    let after: { rank: number; id: number } | undefined;
    for (let page = 0; page < 5; page++) {
      const text = "can't locate Net/Ghost.pm";
      const rows = await searchReportTexts(db(), {
        ...searchFor(text),
        filter: {},
        limit: 5,
        ...(after ? { after } : {}),
      });
      const shown = rows.slice(0, 5);
      seen.push(...shown.map((r) => r.report.id));
      for (const row of shown) expect(row.window.toLowerCase()).toContain("can't locate net/ghost.pm");
      if (rows.length <= 5) break;
      const last = shown.at(-1)!;
      after = { rank: last.rank, id: last.report.id };
    }
    const expected = await queryRows<{ id: number | string }>(
      db(),
      sql`select id from reports where dist like 'Planted-Ghost-%' order by id`,
    );
    expect(seen.sort((a, b) => a - b)).toEqual(expected.map((r) => Number(r.id)));
    // The words index finds a text that starts and ends inside words, in any case: every stored
    // text containing it, the decoys too.
    for (const text of ["ATE NET/GHOST.P", "n't locate Net/Gh"]) {
      const rows = await searchReportTexts(db(), { ...searchFor(text), filter: {}, limit: 50 });
      const containing = await queryRows<{ id: number | string }>(
        db(),
        sql`select report_id as id from report_texts where strpos(lower(body), lower(${text})) > 0 order by 1`,
      );
      expect(containing.length).toBeGreaterThanOrEqual(expected.length);
      expect(rows.map((r) => r.report.id).sort((a, b) => a - b)).toEqual(containing.map((r) => Number(r.id)));
    }
    // Looking back from the newest report a little at a time finds the same reports.
    for (const text of ["Net/Ghost.pm", "Failed test"]) {
      const request = { ...searchFor(text), filter: {}, limit: 50 };
      const stepwise = await searchReportTexts(db(), { ...request, firstReach: 1 });
      expect(stepwise.length).toBeGreaterThan(10);
      expect(stepwise).toEqual(await searchReportTexts(db(), request));
    }
    const filtered = await searchReportTexts(db(), {
      ...searchFor("Net/Ghost.pm"),
      filter: { dist: "Planted-Ghost-B" },
      limit: 10,
    });
    expect(filtered.map((r) => r.report.dist)).toEqual(["Planted-Ghost-B", "Planted-Ghost-B", "Planted-Ghost-B"]);
  });

  it("ignores the case of letters beyond ASCII too", async () => {
    // A text of its own on a pass report (passes have none), removed again for the tests after.
    const [pass] = await queryRows<{ id: number | string }>(
      db(),
      sql`select id from reports where grade = 'pass' limit 1`,
    );
    const id = Number(pass?.id);
    const body = "Can't open ÆRØ-Ødegård/Straße.txt: No such file";
    await queryRows(db(), sql`insert into report_texts values (${id}, ${body}, ${searchWords(body)})`);
    try {
      for (const text of ["ærø-ødegård", "ÆRØ-ØDEGÅRD/STRASSE", "ærø-Ødegård/straße.TXT"]) {
        const found = (await searchReportTexts(db(), { ...searchFor(text), filter: {}, limit: 5 })).map(
          (r) => r.report.id,
        );
        expect({ text, found: found.includes(id) }).toEqual({ text, found: !text.includes("STRASSE") });
      }
    } finally {
      await queryRows(db(), sql`delete from report_texts where report_id = ${id}`);
    }
  });

  it("announces the regression once, naming the cells and the previous release", () => {
    const { dist, version, previous, osname } = PLANTED.regression;
    expect(regressions.map((r) => r.dist)).toEqual([dist]);
    expect(regressions[0]).toMatchObject({ version, previousVersion: previous });
    expect(regressions[0]?.cells.map((c) => [c.perlSeries, c.osname])).toEqual([["5.38", osname]]);
  });

  it("is checked by verify and rebuilt to the same rows", async () => {
    expect(await verifyDerivedCounts(db())).toEqual([]);
    const state = () =>
      queryRows(
        db(),
        sql`select (select count(*) from report_factors) f, (select count(*) from report_texts) t,
          (select string_agg(report_id || signature || test_file, ',' order by report_id, signature, test_file) from report_failures) fl`,
      );
    const before = await state();
    await resetDerivedTables(db());
    await processAll({ db: db(), log: testLog }, 500);
    expect(await state()).toEqual(before);
    expect(await verifyDerivedCounts(db())).toEqual([]);
  });
});
