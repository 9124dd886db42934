import { getTableColumns, sql } from "drizzle-orm";
import type { Db } from "../client.js";
import { type UploadRow, uploads } from "../schema/index.js";
import type { NewUpload } from "../../report/upload-list.js";

/** An upload row that recordUploads wrote: new, or a provisional one it completed. */
export interface RecordedUpload {
  row: UploadRow;
  /** True when the row existed as provisional (known from reports only) and is now complete. */
  completed: boolean;
}

/**
 * Writes uploads in one statement and returns the rows it added or completed. A release known
 * only from its reports (provisional) gets its author, file and date; one already uploaded is
 * left as it is (the first upload of a dist and version wins), so writing the same list twice
 * changes nothing and returns nothing. Within `rows`, the first of a dist and version wins too.
 */
export async function recordUploads(db: Db, rows: readonly NewUpload[]): Promise<RecordedUpload[]> {
  const unique = new Map<string, NewUpload>();
  for (const row of rows) {
    const key = `${row.dist}\u0000${row.version}`;
    if (!unique.has(key)) unique.set(key, row);
  }
  if (unique.size === 0) return [];
  // Sorted like the ETL's provisional inserts, so that the two lock shared rows in the same order.
  const values = [...unique.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);
  const written = await db
    .insert(uploads)
    .values(values.map((row) => ({ ...row, location: row.location ?? "cpan", provisional: false })))
    .onConflictDoUpdate({
      target: [uploads.dist, uploads.version],
      set: {
        author: sql`excluded.author`,
        filename: sql`excluded.filename`,
        releasedAt: sql`excluded.released_at`,
        maturity: sql`excluded.maturity`,
        provisional: false,
      },
      setWhere: sql`${uploads.provisional}`,
    })
    // xmax is 0 on a row this statement inserted and set on one it updated: Postgres's own way
    // of telling the two apart in one round trip.
    .returning({ ...getTableColumns(uploads), inserted: sql<boolean>`(xmax = 0)` });
  return written.map(({ inserted, ...row }) => ({ row, completed: !inserted }));
}
