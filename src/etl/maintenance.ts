import { sql } from "drizzle-orm";
import { type Db, queryRows } from "../db/client.js";
import { announceDocuments } from "../db/queries/document.queries.js";
import { type BatchDependencies, processNextBatch } from "./process-batch.js";

/** Processes every waiting document, then returns how many were counted and how many failed. */
export async function processAll(
  deps: BatchDependencies,
  batchSize: number,
): Promise<{ counted: number; failed: number }> {
  const total = { counted: 0, failed: 0 };
  for (;;) {
    const result = await processNextBatch(deps, batchSize);
    if (result.claimed === 0) return total;
    total.counted += result.counted;
    total.failed += result.failed.length;
  }
}

/**
 * Empties every derived table and marks every document as waiting again, in one transaction, so
 * that processing rebuilds everything from the documents. TRUNCATE locks the tables: workers that
 * run meanwhile wait for the reset to commit rather than count into tables being emptied.
 * Report ids restart at 1, so a rebuild by one worker gives the same ids as before when the
 * documents were first processed in arrival order.
 */
export async function resetDerivedTables(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`truncate reports, releases, release_matrix_cells, stats_reports_daily,
      stats_reports_monthly, stats_reports_monthly_totals, stats_reports_hourly, stats_tester_months, perl_versions restart identity`);
    // Provisional uploads come from reports; real ones (imported or posted) are kept.
    await tx.execute(sql`delete from uploads where provisional`);
    await tx.execute(sql`update report_documents set processed_at = null, error = null
      where processed_at is not null or error is not null`);
  });
}

/** Clears the error of every failed document so that workers process it again; returns how many. */
export async function retryFailedDocuments(db: Db): Promise<number> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`update report_documents set error = null where error is not null returning id`,
  );
  if (rows.length > 0) await announceDocuments(db);
  return rows.length;
}

export interface EtlStatus {
  pending: number;
  failed: number;
  /** When the oldest waiting document arrived: how far behind the ETL is. */
  oldestPendingAt: Date | null;
  /** The most recent failures, newest first. */
  failures: { id: string; receivedAt: Date; error: string }[];
}

/** The state of the queue; both counts use the partial indexes, never a scan of all documents. */
export async function etlStatus(db: Db, failuresShown = 20): Promise<EtlStatus> {
  const [counts] = await queryRows<{ pending: number; failed: number; oldest: string | Date | null }>(
    db,
    sql`select
      (select count(*)::int from report_documents where processed_at is null and error is null) as pending,
      (select count(*)::int from report_documents where error is not null) as failed,
      (select received_at from report_documents where processed_at is null and error is null
        order by seq limit 1) as oldest`,
  );
  const failures = await queryRows<{ id: string; received_at: string | Date; error: string }>(
    db,
    sql`select id, received_at, error from report_documents where error is not null
        order by seq desc limit ${failuresShown}`,
  );
  return {
    pending: counts?.pending ?? 0,
    failed: counts?.failed ?? 0,
    oldestPendingAt: counts?.oldest ? new Date(counts.oldest) : null,
    failures: failures.map((f) => ({ id: f.id, receivedAt: new Date(f.received_at), error: f.error })),
  };
}
