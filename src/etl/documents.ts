import { sql } from "drizzle-orm";
import { type Db, queryRows } from "../db/client.js";
import type { ReportDocument } from "../report/index.js";

export interface ClaimedDocument {
  id: string;
  seq: number;
  receivedAt: Date;
  /** Only the members the derivation reads (see SLIM_DOCUMENT). */
  document: ReportDocument;
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

/**
 * Locks and returns waiting documents in arrival order: the next `limit` of them, or the given
 * ones. SKIP LOCKED lets any number of workers claim side by side without waiting on each other.
 */
export async function claimDocuments(tx: Db, claim: { limit: number } | { ids: string[] }): Promise<ClaimedDocument[]> {
  const which = "ids" in claim ? sql`and d.id = any(${sql.param(claim.ids)}::uuid[])` : sql``;
  const limit = "ids" in claim ? claim.ids.length : claim.limit;
  const rows = await queryRows<{
    id: string;
    seq: string | number;
    received_at: string | Date;
    document: ReportDocument;
  }>(
    tx,
    // Every `->` on a stored document fetches and decompresses all of it again. So: lock the next
    // documents (the innermost query moves only their TOAST pointers), decompress each of those
    // once (`|| '{}'` returns its input decompressed; OFFSET 0 keeps that a step of its own), and
    // project the slim document from the decompressed value.
    sql`select d.id, d.seq, d.received_at, ${SLIM_DOCUMENT} as document
        from (
          select c.id, c.seq, c.received_at, c.document || '{}'::jsonb as doc
          from (
            select d.id, d.seq, d.received_at, d.document
            from report_documents d
            where d.processed_at is null and d.error is null ${which}
            order by d.seq
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
    }));
}

export async function markProcessed(tx: Db, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await tx.execute(sql`update report_documents set processed_at = now() where id = any(${sql.param(ids)}::uuid[])`);
}

export async function markFailed(tx: Db, failures: { id: string; error: string }[]): Promise<void> {
  if (failures.length === 0) return;
  await tx.execute(sql`update report_documents d set error = f.error
    from unnest(${sql.param(failures.map((f) => f.id))}::uuid[], ${sql.param(failures.map((f) => f.error))}::text[])
      as f(id, error)
    where d.id = f.id`);
}
