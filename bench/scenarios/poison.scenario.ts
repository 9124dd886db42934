import { sql } from "drizzle-orm";
import { pino } from "pino";
import { processAll } from "../../src/etl/process-batch.js";
import type { GeneratedReport } from "../generate/report.generate.js";
import { type BenchDatabaseTarget, openBenchDatabase } from "../harness/bench-database.js";
import type { Figure } from "../harness/results.js";
import { type DocumentRow, insertDocuments } from "../load/document.store.js";
import { toDocumentRow } from "../load/bulk-load.js";
import type { BenchContext, Scenario } from "../scenario.js";

const SIZES = { full: { documents: 5_000, poison: 10 }, smoke: { documents: 1_000, poison: 2 } };
/** The ETL's default batch (ETL_BATCH_SIZE). */
const BATCH = 500;
const POISON_DIST = "Poison-Bench";
const log = pino({ level: "error" });

export const scenario: Scenario = {
  name: "poison",
  summary:
    "The ETL over a queue of documents of which a few are refused by the database (a trigger raises on their " +
    "report row), beside the same number of clean documents: what isolating a bad document costs its batch.",
  order: 40,
  async run(context) {
    const { documents, poison } = context.options.smoke ? SIZES.smoke : SIZES.full;
    const reports = Array.from({ length: documents }, (_, i) =>
      context.generator.reportAt(context.generator.size + 10_000 + i),
    );
    // Spread evenly, so that most batches hold one.
    const every = Math.floor(documents / poison);
    const poisoned = reports.map((report, i) => (i % every === every >> 1 ? withDist(report, POISON_DIST) : report));

    context.say(`  ${documents} clean documents`);
    const clean = await timeEtl(context, await context.scratchDatabase(), reports, 0);
    context.say(`  ${documents} documents, ${poison} of them poison`);
    const mixed = await timeEtl(context, await context.scratchDatabase(), poisoned, poison);
    const ratio = mixed.ms / clean.ms;
    context.say(`  clean ${clean.ms.toFixed(0)} ms, with poison ${mixed.ms.toFixed(0)} ms: ${ratio.toFixed(2)}×`);
    const figure = (contender: string, ms: number): Figure => ({
      contender,
      medianMs: ms,
      throughput: (documents / ms) * 1000,
      unit: "documents/s",
    });
    return {
      rows: [
        {
          case: `ETL over ${documents} documents, ${poison} poison`,
          subject: figure(`ETL, ${poison} poison`, mixed.ms),
          baselines: [figure("ETL, all clean", clean.ms)],
          note: `${ratio.toFixed(2)}× the clean run (target: within 2×)`,
        },
      ],
    };
  },
};

function withDist(report: GeneratedReport, name: string): GeneratedReport {
  const { document } = report;
  return { ...report, document: { ...document, distribution: { ...document.distribution, name } } };
}

/** Stores the documents unprocessed, then times the ETL until the queue is empty. */
async function timeEtl(
  context: BenchContext,
  target: BenchDatabaseTarget,
  reports: GeneratedReport[],
  poison: number,
): Promise<{ ms: number }> {
  const database = await openBenchDatabase(target);
  try {
    const db = database.db;
    // The same trigger on both sides, so that only the poison differs.
    await db.execute(sql`create function bench_refuse_poison() returns trigger language plpgsql as $$
      begin if new.dist = ${sql.raw(`'${POISON_DIST}'`)} then raise exception 'refusing poison'; end if;
      return new; end $$`);
    await db.execute(
      sql`create trigger bench_refuse_poison before insert on reports for each row execute function bench_refuse_poison()`,
    );
    const rows: DocumentRow[] = reports.map((report) => toDocumentRow(report, "bench-poison", false));
    for (let start = 0; start < rows.length; start += BATCH)
      await insertDocuments(db, rows.slice(start, start + BATCH));
    const started = performance.now();
    const outcome = await processAll({ db, log }, BATCH);
    const ms = performance.now() - started;
    const expected = { counted: reports.length - poison, failed: poison };
    if (outcome.counted !== expected.counted || outcome.failed !== expected.failed) {
      throw new Error(`expected ${JSON.stringify(expected)} from the ETL, got ${JSON.stringify(outcome)}`);
    }
    context.say(`    ${outcome.counted} counted, ${outcome.failed} failed in ${ms.toFixed(0)} ms`);
    return { ms };
  } finally {
    await database.close();
  }
}
