import { getTableName, sql } from "drizzle-orm";
import type { Database, Db } from "../client.js";
import { reportDocuments } from "../schema/index.js";

/** The channel on which ETL workers listen for new documents. */
export const DOCUMENTS_CHANNEL = "report_documents";

/** Wakes every ETL worker listening, in any process (NOTIFY is delivered at commit). */
export async function announceDocuments(db: Db): Promise<void> {
  // Hand-written: the builder has no form for a bare SELECT of a function.
  await db.execute(sql`select pg_notify(${DOCUMENTS_CHANNEL}, '')`);
}

export interface NewDocument {
  id: string;
  /** How it arrived; `legacy` and `legacy-metabase`: imported from the original's test_report and metabase.metabase. */
  source: "metabase" | "v3" | "graphql" | "legacy" | "legacy-metabase";
  testerId: string | null;
  /** The document's JSON text (see serializeReport). */
  json: string;
  contentHash: string;
  /** The request that stored it (X-Request-Id), for the ETL's logs. */
  requestId?: string | null;
  /** W3C traceparent of the intake span when tracing. */
  traceparent?: string | null;
}

export type StoreOutcome = "created" | "duplicate" | "conflict";

// The driver-level statements' text, with names from the schema spliced in once.
const t = reportDocuments;
const INSERT_DOCUMENTS = `insert into ${getTableName(t)} (${[
  t.id,
  t.source,
  t.testerId,
  t.document,
  t.contentHash,
  t.requestId,
  t.traceparent,
]
  .map((column) => column.name)
  .join(", ")}) values`;
const ON_CONFLICT = `on conflict (${t.id.name}) do nothing returning ${t.id.name} as id`;
const STORED_HASHES = `select ${t.id.name} as id, ${t.contentHash.name} as content_hash from ${getTableName(t)}
  where ${t.id.name} = any($1::uuid[])`;

/**
 * Stores documents in one statement; a GUID that is already stored is left untouched and
 * reported as a duplicate (same content hash) or a conflict (different content).
 *
 * Written as plain SQL through the driver: this runs for every report at thousands a second.
 * 200 documents of 6 KB on Postgres took 79 ms (3.5 ms Node CPU) this way against 112 ms (13 ms
 * Node CPU) through the builder (median of 30, 2026-12-07).
 */
export async function storeDocuments(
  database: Pick<Database, "query">,
  documents: readonly NewDocument[],
): Promise<StoreOutcome[]> {
  if (documents.length === 0) return [];
  const params: unknown[] = [];
  const values = documents.map((doc) => {
    const n = params.push(
      doc.id,
      doc.source,
      doc.testerId,
      doc.json,
      doc.contentHash,
      doc.requestId ?? null,
      doc.traceparent ?? null,
    );
    return `($${n - 6}, $${n - 5}, $${n - 4}, $${n - 3}::jsonb, $${n - 2}, $${n - 1}, $${n})`;
  });
  const inserted = await database.query<{ id: string }>(
    `${INSERT_DOCUMENTS} ${values.join(", ")} ${ON_CONFLICT}`,
    params,
  );
  const created = new Set(inserted.map((row) => row.id));
  const existing = documents.filter((doc) => !created.has(doc.id)).map((doc) => doc.id);
  const storedHashes = new Map(
    existing.length === 0
      ? []
      : (await database.query<{ id: string; content_hash: string }>(STORED_HASHES, [existing])).map((row) => [
          row.id,
          row.content_hash,
        ]),
  );
  // The same GUID twice within one batch: the first is created, the second compared to it.
  const firstInBatch = new Map<string, string>();
  return documents.map((doc) => {
    if (created.has(doc.id) && !firstInBatch.has(doc.id)) {
      firstInBatch.set(doc.id, doc.contentHash);
      return "created";
    }
    const storedHash = firstInBatch.get(doc.id) ?? storedHashes.get(doc.id);
    return storedHash === doc.contentHash ? "duplicate" : "conflict";
  });
}

/** Whether a report (document) with this GUID is stored. */
export async function documentExists(db: Db, id: string): Promise<boolean> {
  const rows = await db
    .select({ one: sql<number>`1` })
    .from(reportDocuments)
    .where(sql`${reportDocuments.id} = ${id}`);
  return rows.length > 0;
}
