import type { Db } from "../../src/db/client.js";
import { serializeReport } from "../../src/report/index.js";
import type { GeneratedReport, ReportGenerator } from "../generate/report.generate.js";
import type { DerivedLoader } from "./derived.loader.js";
import { type DocumentRow, insertDocuments } from "./document.store.js";
import { insertUploads } from "./upload.store.js";

export interface BulkLoadOptions {
  generator: ReportGenerator;
  derived: DerivedLoader;
  /** Stores a batch of document rows: COPY on Postgres, a multi-row INSERT on PGlite. */
  writeDocuments?: (rows: readonly DocumentRow[]) => Promise<void>;
  /** Reports per statement: ~1,000 keeps a statement near 10 MB. */
  batchSize?: number;
  /** `report_documents.source` of the loaded rows. */
  source?: string;
  onProgress?: (done: number) => void;
}

/** The report_documents row of a generated report, hashed the way intake hashes it. */
export function toDocumentRow(report: GeneratedReport, source: string, processed: boolean): DocumentRow {
  const { json, contentHash } = serializeReport(report.document);
  return {
    id: report.document.id,
    source,
    document: json,
    contentHash,
    receivedAt: report.receivedAt,
    processedAt: processed ? report.receivedAt : null,
  };
}

/**
 * Loads `generator.size` reports: the uploads first (as PAUSE would have announced them), then
 * the documents in batches (COPY or multi-row INSERT), each batch then handed to the derived
 * loader.
 */
export async function bulkLoad(db: Db, options: BulkLoadOptions): Promise<void> {
  const { generator, derived, batchSize = 1_000, source = "bench", onProgress } = options;
  const writeDocuments = options.writeDocuments ?? ((rows) => insertDocuments(db, rows));
  await insertUploads(db, generator.uploads());
  // Three stages overlap: this loop generates batch n while batch n-1 is stored and batch n-2
  // goes through the derived loader (the ETL), which keeps both cores busy.
  let stored: Promise<void> = Promise.resolve();
  const deriving: Promise<void>[] = [];
  for (let start = 0; start < generator.size; start += batchSize) {
    const end = Math.min(generator.size, start + batchSize);
    const batch: GeneratedReport[] = [];
    const rows: DocumentRow[] = [];
    for (let index = start; index < end; index++) {
      const report = generator.reportAt(index);
      batch.push(report);
      rows.push(toDocumentRow(report, source, derived.marksProcessed));
      // Let the socket drain the batch in flight now and then: a whole batch made in one go would
      // keep the event loop, and so the database, waiting.
      if (index % 50 === 49) await new Promise((resolve) => setImmediate(resolve));
    }
    await stored;
    if (deriving.length >= 2) await deriving.shift();
    onProgress?.(start);
    stored = writeDocuments(rows);
    const previous = deriving.at(-1) ?? Promise.resolve();
    const derivedBatch = Promise.all([previous, stored]).then(() => derived.afterBatch(db, batch));
    // Awaited later; without a handler now, a failure while this loop waits elsewhere would be
    // reported as unhandled and end the process before the loop can report it.
    derivedBatch.catch(() => undefined);
    deriving.push(derivedBatch);
  }
  await stored;
  await Promise.all(deriving);
  onProgress?.(generator.size);
  await derived.finish(db);
}
