import pg from "pg";
import { type Database, openDatabase } from "../../src/db/client.js";
import { indexedUuid } from "../generate/prng.js";
import type { BenchDatabaseTarget } from "../harness/bench-database.js";
import type { BenchOptions } from "../harness/options.js";
import type { Figure } from "../harness/results.js";
import { summarise } from "../harness/stats.js";
import { copyDocuments, type DocumentRow, insertDocument, insertDocuments } from "../load/document.store.js";

/**
 * The floor under any intake: storing the same documents straight into report_documents, with no
 * HTTP, parsing, validation or authentication. Three ways, from naive to fastest.
 */
export type RawInsertKind = "single-row INSERT" | "multi-row INSERT" | "COPY";

export const BATCH = 500;

export interface RawInsertRun {
  kind: RawInsertKind;
  /** Documents to store, reused with fresh ids so that generating them is not what is measured. */
  pool: readonly DocumentRow[];
  options: Pick<BenchOptions, "warmupSeconds" | "durationSeconds" | "connections" | "seed">;
}

export async function measureRawInserts(target: BenchDatabaseTarget, run: RawInsertRun): Promise<Figure> {
  const database = await openDatabase(
    target.kind === "postgres"
      ? { url: target.url, poolSize: Math.min(10, run.options.connections) }
      : { dataDir: target.dataDir },
  );
  const copier =
    run.kind === "COPY" && target.kind === "postgres" ? new pg.Client({ connectionString: target.url }) : undefined;
  await copier?.connect();
  let counter = 0;
  const fresh = (count: number): DocumentRow[] =>
    Array.from({ length: count }, () => {
      const row = run.pool[counter % run.pool.length] as DocumentRow;
      return { ...row, id: indexedUuid(run.options.seed ^ 0x1a7a4e, counter++) };
    });
  const once = async (): Promise<number> => {
    if (run.kind === "single-row INSERT") await insertDocument(database.db, fresh(1)[0] as DocumentRow);
    else if (copier) await copyDocuments(copier, fresh(BATCH));
    else await insertDocuments(database.db, fresh(BATCH));
    return run.kind === "single-row INSERT" ? 1 : BATCH;
  };
  // Single rows go in from as many concurrent clients as the pool has, as requests would arrive.
  const workers =
    run.kind === "single-row INSERT" && database.kind === "postgres" ? Math.min(10, run.options.connections) : 1;
  try {
    await loop(once, workers, run.options.warmupSeconds);
    const { latencies, documents, seconds } = await loop(once, workers, run.options.durationSeconds);
    const { medianMs, p99Ms } = summarise(latencies);
    return {
      contender: run.kind === "single-row INSERT" ? run.kind : `${run.kind} ×${BATCH}`,
      medianMs,
      p99Ms,
      throughput: documents / seconds,
      unit: "reports/s",
      requests: latencies.length,
    };
  } finally {
    await copier?.end();
    await closeQuietly(database);
  }
}

async function loop(once: () => Promise<number>, workers: number, seconds: number) {
  const latencies: number[] = [];
  let documents = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (performance.now() < deadline) {
        const before = performance.now();
        // Awaited first: `documents += await once()` would read documents before the await and
        // lose the other workers' additions.
        const stored = await once();
        documents += stored;
        latencies.push(performance.now() - before);
      }
    }),
  );
  return { latencies, documents, seconds: (performance.now() - started) / 1000 };
}

async function closeQuietly(database: Database): Promise<void> {
  await database.close().catch(() => undefined);
}
