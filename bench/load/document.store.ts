import { sql } from "drizzle-orm";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import type { Db } from "../../src/db/client.js";

/** A `report_documents` row as the loader writes it; `document` is JSON text. */
export interface DocumentRow {
  id: string;
  source: string;
  document: string;
  contentHash: string;
  receivedAt: Date;
  /** Set when the documents' derived rows are written by the loader itself, not by a worker. */
  processedAt: Date | null;
}

/**
 * One multi-row INSERT for the whole batch: each column travels as one array parameter, so the
 * statement has six parameters however many rows there are (no 65,535-parameter limit, one plan).
 */
export async function insertDocuments(db: Db, rows: readonly DocumentRow[]): Promise<void> {
  if (rows.length === 0) return;
  const column = <T>(pick: (row: DocumentRow) => T) => sql.param(rows.map(pick));
  await db.execute(sql`
    insert into report_documents (id, source, document, content_hash, received_at, processed_at)
    select * from unnest(
      ${column((row) => row.id)}::uuid[],
      ${column((row) => row.source)}::text[],
      ${column((row) => row.document)}::jsonb[],
      ${column((row) => row.contentHash)}::text[],
      ${column((row) => row.receivedAt.toISOString())}::timestamptz[],
      ${column((row) => row.processedAt?.toISOString() ?? null)}::timestamptz[]
    )`);
}

/** One row per statement: what a naive intake does for each report it receives. */
export async function insertDocument(db: Db, row: DocumentRow): Promise<void> {
  await db.execute(sql`
    insert into report_documents (id, source, document, content_hash, received_at, processed_at)
    values (${row.id}, ${row.source}, ${row.document}::jsonb, ${row.contentHash}, ${row.receivedAt.toISOString()},
            ${row.processedAt?.toISOString() ?? null})`);
}

/** COPY ... FROM STDIN in CSV: Postgres's fastest way in, and the floor for any intake. Postgres only. */
export async function copyDocuments(client: pg.PoolClient | pg.Client, rows: readonly DocumentRow[]): Promise<void> {
  if (rows.length === 0) return;
  const stream = client.query(
    copyFrom(
      "copy report_documents (id, source, document, content_hash, received_at, processed_at) from stdin with (format csv)",
    ),
  );
  const done = new Promise<void>((resolve, reject) => {
    stream.on("finish", resolve);
    stream.on("error", reject);
  });
  for (const row of rows) {
    const fields = [row.id, row.source, row.document, row.contentHash, row.receivedAt.toISOString()];
    // An unquoted empty field is NULL in CSV; everything else is quoted with doubled quotes.
    const line = `${fields.map(csvQuote).join(",")},${row.processedAt ? csvQuote(row.processedAt.toISOString()) : ""}\n`;
    if (!stream.write(line)) await new Promise((resolve) => stream.once("drain", resolve));
  }
  stream.end();
  await done;
}

function csvQuote(value: string): string {
  return `"${value.replaceAll('"', '""')}"`;
}
