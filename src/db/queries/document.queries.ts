import { inArray, sql } from "drizzle-orm";
import type { Db } from "../client.js";
import { reportDocuments } from "../schema/index.js";

/** The channel on which Postgres announces new documents (a trigger; see drizzle/0001). */
export const DOCUMENTS_CHANNEL = "report_documents";

export interface NewDocument {
  id: string;
  source: "metabase" | "v3" | "graphql";
  testerId: string | null;
  document: unknown;
  contentHash: string;
}

export type StoreOutcome = "created" | "duplicate" | "conflict";

/**
 * Stores documents in one statement; a GUID that is already stored is left untouched and
 * reported as a duplicate (same content hash) or a conflict (different content).
 */
export async function storeDocuments(db: Db, documents: readonly NewDocument[]): Promise<StoreOutcome[]> {
  if (documents.length === 0) return [];
  const inserted = await db
    .insert(reportDocuments)
    .values(documents.map((doc) => ({ ...doc, testerId: doc.testerId ?? undefined })))
    .onConflictDoNothing({ target: reportDocuments.id })
    .returning({ id: reportDocuments.id });
  const created = new Set(inserted.map((row) => row.id));
  const existing = documents.filter((doc) => !created.has(doc.id));
  const storedHashes =
    existing.length === 0
      ? new Map<string, string>()
      : new Map(
          (
            await db
              .select({ id: reportDocuments.id, contentHash: reportDocuments.contentHash })
              .from(reportDocuments)
              .where(
                inArray(
                  reportDocuments.id,
                  existing.map((doc) => doc.id),
                ),
              )
          ).map((row) => [row.id, row.contentHash]),
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
