import { and, asc, count, desc, isNotNull, isNull, sql } from "drizzle-orm";
import type { Reporter, ReportDocument } from "../../report/report.types.js";
import { type Db, queryRows } from "../client.js";
import { reportDocuments, testers } from "../schema/index.js";
import { announceDocuments } from "./document.queries.js";

/*
 * The ETL's queue: stored documents not yet processed nor failed, in arrival order
 * (report_documents_pending_idx). Workers claim from it, mark what they did, and operators look
 * at it and send failures back into it.
 */

const t = reportDocuments;
const waiting = and(isNull(t.processedAt), isNull(t.error));
const failed = isNotNull(t.error);
const idIn = (ids: readonly string[]) => sql`${t.id} = any(${sql.param(ids)}::uuid[])`;

export interface ClaimedDocument {
  id: string;
  seq: number;
  receivedAt: Date;
  /** Only the members the derivation reads (see SLIM_DOCUMENT). */
  document: ReportDocument;
  /** The authenticated tester who submitted it, as registered; null for an anonymous report. */
  submitter: Reporter | null;
  /** That tester's id; null for an anonymous report. */
  testerId: string | null;
  /** The X-Request-Id of the request that stored it. */
  requestId: string | undefined;
  /** W3C traceparent of the intake span, when tracing was on. */
  traceparent: string | undefined;
}

/*
 * The ETL reads a slim projection of each document, built by Postgres: the members that
 * deriveReportFacts looks at, without the text report, build output and prerequisites that make
 * up almost all of a document's 5-15 KB. (A test derives from both forms and compares.)
 * `d.doc` is the document already read and decompressed once (see claimDocuments).
 */
const SLIM_DOCUMENT = sql`jsonb_build_object(
  'id', d.doc->'id',
  'created', d.doc->'created',
  'reporter', d.doc->'reporter',
  'environment', jsonb_build_object(
    'language', (d.doc->'environment'->'language') - 'build' - 'variables' - 'toolchain',
    'system', jsonb_build_object(
      'osname', d.doc->'environment'->'system'->'osname',
      'osversion', d.doc->'environment'->'system'->'osversion')),
  'distribution', (d.doc->'distribution') - 'prerequisites',
  'result', jsonb_build_object('grade', d.doc->'result'->'grade', 'output', '{}'::jsonb),
  'metabase', d.doc->'metabase')`;

/*
 * What the analysis (src/analysis/analyse.ts) adds to the slim document: prerequisites and
 * toolchain versions; of `perl -V` only the build options it reads (a few words instead of
 * kilobytes); and the output of non-pass reports only, the text it searches and scans.
 */
const ANALYSED_DOCUMENT = sql`${SLIM_DOCUMENT}
  || jsonb_build_object(
    'environment', jsonb_build_object(
      'toolchain', d.doc->'environment'->'toolchain',
      'language', (d.doc->'environment'->'language') - 'variables' || jsonb_build_object('build',
        concat_ws(' ',
          substring(d.doc->'environment'->'language'->>'build' from 'useithreads=\w+'),
          substring(d.doc->'environment'->'language'->>'build' from 'use64bitint=\w+'),
          substring(d.doc->'environment'->'language'->>'build' from 'uselongdouble=\w+'),
          substring(d.doc->'environment'->'language'->>'build' from 'usequadmath=\w+'),
          substring(d.doc->'environment'->'language'->>'build' from '-DDEBUGGING\M'))),
      'system', jsonb_build_object(
        'osname', d.doc->'environment'->'system'->'osname',
        'osversion', d.doc->'environment'->'system'->'osversion')),
    'distribution', d.doc->'distribution',
    'result', jsonb_build_object('grade', d.doc->'result'->'grade', 'output',
      case when d.doc->'result'->>'grade' = 'pass' then '{}'::jsonb else d.doc->'result'->'output' end))`;

/**
 * Locks and returns waiting documents in arrival order: the next `limit` of them, or the given
 * ones. SKIP LOCKED lets any number of workers claim side by side without waiting on each other.
 */
export async function claimDocuments(
  tx: Db,
  claim: { limit: number } | { ids: string[] },
  /** Also what the analysis reads (ANALYSED_DOCUMENT). */
  analysis = false,
): Promise<ClaimedDocument[]> {
  const which = "ids" in claim ? sql`and ${idIn(claim.ids)}` : sql``;
  const limit = "ids" in claim ? claim.ids.length : claim.limit;
  const rows = await queryRows<{
    id: string;
    seq: string | number;
    received_at: string | Date;
    document: ReportDocument;
    submitter: Reporter | null;
    tester_id: string | null;
    request_id: string | null;
    traceparent: string | null;
  }>(
    tx,
    // Hand-written: the builder has no form for a projection over a locked subquery. Every `->` on
    // a stored document fetches and decompresses all of it again. So: lock the next documents
    // (the innermost query moves only their TOAST pointers), decompress each of those once
    // (`|| '{}'` returns its input decompressed; OFFSET 0 keeps that a step of its own), and
    // project the slim document from the decompressed value. Measured on the 1M-report load
    // (BENCHMARKS.md): Postgres time per report in the ETL from about 0.19 ms to 0.10 ms, the
    // whole load from 1,821 to 2,248 reports/s.
    sql`select d.id, d.seq, d.received_at, d.tester_id, d.request_id, d.traceparent, ${analysis ? ANALYSED_DOCUMENT : SLIM_DOCUMENT} as document,
          (select jsonb_build_object('name', ${testers.fullName}, 'email', ${testers.email})
           from ${testers} where ${testers.id} = d.tester_id) as submitter
        from (
          select c.id, c.seq, c.received_at, c.tester_id, c.request_id, c.traceparent, c.document || '{}'::jsonb as doc
          from (
            select ${t.id} as id, ${t.seq} as seq, ${t.receivedAt} as received_at, ${t.testerId} as tester_id,
              ${t.requestId} as request_id, ${t.traceparent} as traceparent, ${t.document} as document
            from ${t}
            where ${waiting} ${which}
            order by ${t.seq}
            limit ${limit}
            for update skip locked
          ) c
          offset 0
        ) d`,
  );
  // Sorted here: an outer ORDER BY would sort the decompressed documents.
  return rows
    .sort((a, b) => Number(a.seq) - Number(b.seq))
    .map((row) => ({
      id: row.id,
      seq: Number(row.seq),
      receivedAt: new Date(row.received_at),
      document: row.document,
      submitter: row.submitter,
      testerId: row.tester_id,
      requestId: row.request_id ?? undefined,
      traceparent: row.traceparent ?? undefined,
    }));
}

export async function markProcessed(tx: Db, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  // One array parameter for the batch's ids rather than one parameter each (inArray).
  await tx
    .update(t)
    .set({ processedAt: sql`now()` })
    .where(idIn(ids));
}

export async function markFailed(tx: Db, failures: { id: string; error: string }[]): Promise<void> {
  if (failures.length === 0) return;
  // Hand-written: each document gets its own error in one statement (UPDATE ... FROM unnest),
  // which the builder cannot join to bound arrays.
  await tx.execute(sql`update ${t} set ${sql.identifier(t.error.name)} = f.error
    from unnest(${sql.param(failures.map((f) => f.id))}::uuid[], ${sql.param(failures.map((f) => f.error))}::text[])
      as f(id, error)
    where ${t.id} = f.id`);
}

/** Clears the error of every failed document so that workers process it again; returns how many. */
export async function retryFailedDocuments(db: Db): Promise<number> {
  const rows = await db.update(t).set({ error: null }).where(failed).returning({ id: t.id });
  if (rows.length > 0) await announceDocuments(db);
  return rows.length;
}

/** Marks every document as waiting again (a rebuild of the derived tables). */
export async function requeueAllDocuments(tx: Db): Promise<void> {
  await tx
    .update(t)
    .set({ processedAt: null, error: null })
    .where(sql`${t.processedAt} is not null or ${t.error} is not null`);
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
  const [[pending], [failedCount], [oldest]] = await Promise.all([
    db.select({ n: count() }).from(t).where(waiting),
    db.select({ n: count() }).from(t).where(failed),
    db.select({ receivedAt: t.receivedAt }).from(t).where(waiting).orderBy(asc(t.seq)).limit(1),
  ]);
  const failures = await db
    .select({ id: t.id, receivedAt: t.receivedAt, error: t.error })
    .from(t)
    .where(failed)
    .orderBy(desc(t.seq))
    .limit(failuresShown);
  return {
    pending: pending?.n ?? 0,
    failed: failedCount?.n ?? 0,
    oldestPendingAt: oldest?.receivedAt ?? null,
    failures: failures.map((f) => ({ id: f.id, receivedAt: f.receivedAt, error: f.error ?? "" })),
  };
}
