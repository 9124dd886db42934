import type { Db } from "../db/client.js";
import { claimDocuments, markFailed, markProcessed } from "../db/queries/document-queue.queries.js";
import type { ReleaseCounts } from "../db/queries/rollup.queries.js";
import { lockForTransaction, withoutStatementTimeout } from "../db/queries/session.queries.js";
import { authorsOf } from "../db/queries/upload.queries.js";
import {
  type EventBus,
  type RegressionDetectedPayload,
  type ReleaseUpdatedPayload,
  type ReportProcessedPayload,
  Topic,
} from "../events/index.js";
import { analyseReport } from "../analysis/index.js";
import { classifyDatabaseError, rootMessage } from "../errors/index.js";
import { deriveReportFacts } from "../report/index.js";
import type { Logger } from "../log.js";
import { detectRegressions } from "./regressions.js";
import type { CountedReport } from "../db/queries/rollup.deltas.js";
import { type PendingReport, writeIsolating } from "./report.writer.js";

export interface BatchResult {
  /** Documents this batch claimed (processed or failed). */
  claimed: number;
  /** New report rows. */
  counted: number;
  failed: FailedDocument[];
  /** When intake stored each document this batch made visible (processed, not failed), ms since the epoch. */
  receivedAt: number[];
  reportEvents: ReportProcessedPayload[];
  releaseEvents: ReleaseUpdatedPayload[];
  regressionEvents: RegressionDetectedPayload[];
  /** The intake spans of the documents claimed, for the batch's span to link (when tracing). */
  traceparents: string[];
}

export interface FailedDocument {
  id: string;
  error: string;
  /** The request that stored it, so that its log lines and this failure can be found together. */
  requestId?: string | undefined;
}

/** Any constant shared by every ETL process: the lock that orders report-writing commits. */
const COMMIT_ORDER_LOCK = 7_301_999;

const EMPTY: BatchResult = {
  claimed: 0,
  counted: 0,
  failed: [],
  receivedAt: [],
  reportEvents: [],
  releaseEvents: [],
  regressionEvents: [],
  traceparents: [],
};

/**
 * Processes the next batch of waiting documents in one transaction: report rows, release counts,
 * rollups and the documents' processed marks commit together or not at all, so a worker killed at
 * any point leaves nothing half-counted. Events are published only after the commit.
 *
 * A document whose derivation fails is marked with its error and the rest go on. One the
 * database refuses is found by bisection under savepoints (writeIsolating), inside the same
 * transaction; should the transaction fail anyway, its documents are bisected across transactions
 * (processIsolating). Either way a bad document costs its batch about log2(batch) retried halves,
 * never a transaction per document.
 */
export async function processNextBatch(deps: BatchDependencies, batchSize: number): Promise<BatchResult> {
  const { db, events, log } = deps;
  let result: BatchResult;
  try {
    result = await db.transaction((tx) => processClaimed(tx, { limit: batchSize }, deps.analysis ?? true));
  } catch (error) {
    // Without a database no document can succeed alone either: the worker backs off instead.
    if (classifyDatabaseError(error) === "unreachable") throw error;
    log.warn({ err: error }, "ETL batch failed; isolating the documents that fail it");
    // Only to learn which documents: each half is claimed (and locked) again in its own transaction.
    const waiting = await db.transaction((tx) => claimDocuments(tx, { limit: batchSize }));
    result = await processIsolating(
      db,
      waiting.map((doc) => doc.id),
      deps.analysis ?? true,
    );
  }
  if (events) publish(events, result);
  return result;
}

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

export interface BatchDependencies {
  db: Db;
  /** Absent when nothing listens (a rebuild). */
  events?: EventBus | undefined;
  log: Logger;
  /**
   * Derive failure signatures, factors and search text (src/analysis/) with each report; on by
   * default. Off only to measure what the analysis costs (the benchmark's baseline).
   */
  analysis?: boolean;
}

async function processClaimed(
  tx: Db,
  claim: Parameters<typeof claimDocuments>[1],
  analysis: boolean,
): Promise<BatchResult> {
  // The API's statement timeout protects queries from users; a large batch is not one of those.
  await withoutStatementTimeout(tx);
  const claimed = await claimDocuments(tx, claim, analysis);
  if (claimed.length === 0) return EMPTY;

  const toInsert: PendingReport[] = [];
  const failed: FailedDocument[] = [];
  for (const { id, document, receivedAt, submitter, testerId, requestId } of claimed) {
    try {
      const facts = deriveReportFacts(document, submitter);
      // Perl 6/Raku reports are kept as documents but not counted (PROTOCOLS section 2).
      if (facts.counted) {
        const row = { ...facts, receivedAt, testerId };
        toInsert.push({ documentId: id, row, ...(analysis ? { analysis: analyseReport(document, facts.perl) } : {}) });
      }
    } catch (error) {
      failed.push({ id, error: rootMessage(error), requestId });
    }
  }

  // Consumers page through reports by id ("since id") and through releases by updated_at: both must
  // grow in commit order, or a poller could step past a transaction that commits late. Holding
  // this lock from the first report row to the commit puts the writing part of concurrent batches
  // in a line; claiming and deriving still run side by side.
  if (toInsert.length > 0) await lockForTransaction(tx, COMMIT_ORDER_LOCK);
  const written = await writeIsolating(tx, toInsert);
  const requestIds = new Map(claimed.map((doc) => [doc.id, doc.requestId]));
  failed.push(...written.failed.map((f) => ({ ...f, requestId: requestIds.get(f.id) })));
  const failedIds = new Set(failed.map((f) => f.id));
  const processed = claimed.filter((doc) => !failedIds.has(doc.id));
  await markProcessed(
    tx,
    processed.map((doc) => doc.id),
  );
  await markFailed(tx, failed);

  const releases = [...written.releases.values()];
  const authors = await authorsOf(tx, releases);
  return {
    claimed: claimed.length,
    counted: written.counted.length,
    failed,
    receivedAt: processed.map((doc) => doc.receivedAt.getTime()),
    reportEvents: written.counted.map((r) => reportEvent(r, authors)),
    releaseEvents: releases.map(releaseEvent),
    regressionEvents: analysis ? await detectRegressions(tx, written.counted, authors) : [],
    traceparents: claimed.flatMap((doc) => (doc.traceparent ? [doc.traceparent] : [])),
  };
}

/**
 * After a failed batch transaction: its documents again, a half per transaction, bisected until a
 * document that still fails alone is marked with its error. If the database itself is gone,
 * marking fails too and the error goes up to the worker, which backs off and tries again later:
 * nothing is marked for a passing fault.
 */
async function processIsolating(db: Db, ids: string[], analysis: boolean): Promise<BatchResult> {
  if (ids.length === 0) return EMPTY;
  try {
    return await db.transaction((tx) => processClaimed(tx, { ids }, analysis));
  } catch (error) {
    const [id] = ids;
    if (ids.length === 1 && id) {
      const message = rootMessage(error);
      await db.transaction((tx) => markFailed(tx, [{ id, error: message }]));
      return { ...EMPTY, claimed: 1, failed: [{ id, error: message }] };
    }
    const middle = Math.ceil(ids.length / 2);
    const first = await processIsolating(db, ids.slice(0, middle), analysis);
    const second = await processIsolating(db, ids.slice(middle), analysis);
    return {
      claimed: first.claimed + second.claimed,
      counted: first.counted + second.counted,
      failed: [...first.failed, ...second.failed],
      receivedAt: [...first.receivedAt, ...second.receivedAt],
      reportEvents: [...first.reportEvents, ...second.reportEvents],
      releaseEvents: [...first.releaseEvents, ...second.releaseEvents],
      regressionEvents: [...first.regressionEvents, ...second.regressionEvents],
      traceparents: [...first.traceparents, ...second.traceparents],
    };
  }
}

function publish(events: EventBus, result: BatchResult): void {
  for (const event of result.reportEvents) events.emit(Topic.reportProcessed, event);
  for (const event of result.releaseEvents) events.emit(Topic.releaseUpdated, event);
  for (const event of result.regressionEvents) events.emit(Topic.regressionDetected, event);
}

function reportEvent(report: CountedReport, authors: Map<string, string>): ReportProcessedPayload {
  return {
    id: report.id,
    guid: report.guid,
    dist: report.dist,
    version: report.version,
    author: report.author ?? authors.get(`${report.dist}\u0000${report.version}`) ?? null,
    grade: report.grade,
    osname: report.osname,
    perl: report.perl,
    perlSeries: report.perlSeries,
  };
}

function releaseEvent(row: ReleaseCounts): ReleaseUpdatedPayload {
  // The counters as they are; the newest report's id stays internal.
  const { latestReportId: _internal, updatedAt, ...counts } = row;
  return { ...counts, updatedAt: updatedAt.toISOString() };
}
