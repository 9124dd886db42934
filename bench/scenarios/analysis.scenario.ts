import { sql } from "drizzle-orm";
import { pino } from "pino";
import { rankFactors, searchFor } from "../../src/analysis/index.js";
import { type Database, openDatabase, queryRows } from "../../src/db/client.js";
import { releaseFactorRows } from "../../src/db/queries/analysis.queries.js";
import { releaseFailureGroups } from "../../src/db/queries/failure-signature.queries.js";
import { searchReportTexts } from "../../src/db/queries/report-search.queries.js";
import { processAll } from "../../src/etl/process-batch.js";
import { PLANTED, plantedReports } from "../generate/planted-causes.js";
import type { GeneratedReport } from "../generate/report.generate.js";
import { analyze, type BenchDatabaseTarget, openBenchDatabase } from "../harness/bench-database.js";
import type { Figure } from "../harness/results.js";
import { toDocumentRow } from "../load/bulk-load.js";
import { insertDocuments } from "../load/document.store.js";
import type { BenchContext, Scenario } from "../scenario.js";

const SIZES = { full: { documents: 20_000, requests: 2_000 }, smoke: { documents: 1_000, requests: 160 } };
/** The ETL's default batch (ETL_BATCH_SIZE). */
const BATCH = 500;
const CONNECTIONS = 16;
const log = pino({ level: "error" });

export const scenario: Scenario = {
  name: "analysis",
  summary:
    "Why it fails: the ETL with the analysis (signatures, factors, search text) beside the ETL without it over the " +
    "same documents; searchReports and a release's signatures and factors at 16 concurrent callers; storage per report.",
  order: 45,
  async run(context) {
    const { documents, requests } = context.options.smoke ? SIZES.smoke : SIZES.full;
    const planted = plantedReports();
    const generated = Array.from({ length: documents - planted.length }, (_, i) =>
      context.generator.reportAt(context.generator.size + 50_000 + i),
    );
    const rows = [
      ...generated.map((report) => toDocumentRow(report, "bench-analysis", false)),
      ...planted.map((document) => plantedRow(document)),
    ];

    const without = await timeEtl(context, await context.scratchDatabase(), rows, false);
    const withTarget = await context.scratchDatabase();
    const withAnalysis = await timeEtl(context, withTarget, rows, true);
    const ratio = without.ms / withAnalysis.ms;
    context.say(
      `  ETL without ${without.ms.toFixed(0)} ms, with ${withAnalysis.ms.toFixed(0)} ms: ${(ratio * 100).toFixed(0)}%`,
    );

    const database =
      withTarget.kind === "pglite"
        ? await openDatabase({ dataDir: withTarget.dataDir })
        : await openDatabase({ url: withTarget.url, poolSize: CONNECTIONS });
    try {
      // Statistics as a running database has them (autovacuum), before timing reads.
      await analyze(database);
      const storage = await storagePerReport(database);
      context.say(`  analysis storage: ${storage.toFixed(0)} bytes per report`);
      const db = database.db;
      const search = await concurrently(requests, (i) => {
        const text = i % 2 ? PLANTED.recurring.text : "Failed test";
        return searchReportTexts(db, { ...searchFor(text), filter: {}, limit: 20 });
      });
      const releases = [
        PLANTED.prerequisite,
        PLANTED.noCause,
        PLANTED.flaky,
        ...PLANTED.blead.dists.map((dist) => ({ dist, version: PLANTED.blead.version })),
      ];
      const diagnosis = await concurrently(requests, async (i) => {
        const { dist, version } = releases[i % releases.length]!;
        await releaseFailureGroups(db, dist, version, 20);
        rankFactors(await releaseFactorRows(db, dist, version));
      });
      const etlFigure = (contender: string, ms: number): Figure => ({
        contender,
        medianMs: ms,
        throughput: (documents / ms) * 1000,
        unit: "documents/s",
      });
      return {
        rows: [
          {
            case: `ETL over ${documents} documents`,
            subject: etlFigure("ETL with the analysis", withAnalysis.ms),
            baselines: [etlFigure("ETL without the analysis", without.ms)],
            note: `${(ratio * 100).toFixed(0)}% of the throughput without (target: at least 80%)`,
          },
          {
            case: `searchReports, ${CONNECTIONS} callers`,
            subject: { contender: "searchReportTexts (query function)", ...search },
            baselines: [],
            note: "p99 target: under 100 ms; in process, without HTTP and GraphQL",
          },
          {
            case: `signatures + factors of a release, ${CONNECTIONS} callers`,
            subject: { contender: "releaseFailureGroups + rankFactors", ...diagnosis },
            baselines: [],
            note: "p99 target: under 50 ms; uncached factor ranking every time",
          },
        ],
        notes: [
          `Analysis tables: ${storage.toFixed(0)} bytes per report (factors, texts of non-pass reports, failures, indexes).`,
        ],
      };
    } finally {
      await database.close();
    }
  },
};

/** A planted report as a stored document row (they carry no catalogue release or tester). */
function plantedRow(document: GeneratedReport["document"]): ReturnType<typeof toDocumentRow> {
  const report = { document, receivedAt: new Date(document.created) } as Pick<
    GeneratedReport,
    "document" | "receivedAt"
  >;
  return toDocumentRow(report as GeneratedReport, "bench-analysis", false);
}

async function timeEtl(
  context: BenchContext,
  target: BenchDatabaseTarget,
  rows: ReturnType<typeof toDocumentRow>[],
  analysis: boolean,
): Promise<{ ms: number }> {
  const database = await openBenchDatabase(target);
  try {
    for (let start = 0; start < rows.length; start += BATCH)
      await insertDocuments(database.db, rows.slice(start, start + BATCH));
    const started = performance.now();
    const outcome = await processAll({ db: database.db, log, analysis }, BATCH);
    const ms = performance.now() - started;
    if (outcome.failed !== 0) throw new Error(`the ETL failed ${outcome.failed} documents`);
    context.say(`    ${analysis ? "with" : "without"} the analysis: ${outcome.counted} counted in ${ms.toFixed(0)} ms`);
    return { ms };
  } finally {
    await database.close();
  }
}

/** The analysis tables with their indexes and TOAST, per report row. */
async function storagePerReport(database: Database): Promise<number> {
  const [row] = await queryRows<{ bytes: string | number; reports: string | number }>(
    database.db,
    sql`select (pg_total_relation_size('report_factors') + pg_total_relation_size('report_texts')
        + pg_total_relation_size('report_failures') + pg_total_relation_size('failure_signatures')) as bytes,
      (select count(*) from reports) as reports`,
  );
  return Number(row?.bytes ?? 0) / Math.max(1, Number(row?.reports ?? 1));
}

/** Runs `total` calls, `CONNECTIONS` at a time; the median and p99 of their latencies. */
async function concurrently(total: number, call: (i: number) => Promise<unknown>): Promise<Omit<Figure, "contender">> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (next < total) {
        const i = next++;
        const begin = performance.now();
        await call(i);
        latencies.push(performance.now() - begin);
      }
    }),
  );
  const elapsed = performance.now() - started;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return { medianMs: at(0.5), p99Ms: at(0.99), throughput: (total / elapsed) * 1000, unit: "calls/s", requests: total };
}
