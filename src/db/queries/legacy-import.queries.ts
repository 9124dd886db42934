import { and, count, eq, inArray, sql } from "drizzle-orm";
import { type Db, queryRows } from "../client.js";
import {
  legacyImportCheckpoints,
  legacyImportRejects,
  perlVersions,
  reportDocuments,
  reports,
  testers,
  type PerlVersionRow,
} from "../schema/index.js";
import type { NewDocument } from "./document.queries.js";

/** The last key committed for a scope (a source table under a filter), or undefined. */
export async function readCheckpoint(db: Db, scope: string): Promise<string | undefined> {
  const [row] = await db
    .select({ lastKey: legacyImportCheckpoints.lastKey })
    .from(legacyImportCheckpoints)
    .where(eq(legacyImportCheckpoints.scope, scope));
  return row?.lastKey;
}

export async function saveCheckpoint(db: Db, scope: string, lastKey: string): Promise<void> {
  await db
    .insert(legacyImportCheckpoints)
    .values({ scope, lastKey })
    .onConflictDoUpdate({
      target: legacyImportCheckpoints.scope,
      set: { lastKey, updatedAt: sql`now()` },
    });
}

/**
 * Stores imported documents in one statement, leaving every GUID already stored as it is: the
 * GUID is the key, so an import resumed or run twice, or a report that arrived meanwhile through
 * intake, is never stored twice. Returns the ids written.
 *
 * The documents go as one text parameter, one JSON text a line, split by Postgres: serialised
 * JSON never holds a raw newline (JSON.stringify escapes it; were one there, the arrays would
 * differ in length and the padded row's null id would fail the statement), whereas a text[]
 * parameter has the driver escape every quote of every 10 KB document in JavaScript, which cost
 * the import more time than anything else it does per report. Hand-written: the builder has no
 * INSERT ... SELECT FROM unnest.
 */
export async function storeImportedDocuments(db: Db, documents: readonly NewDocument[]): Promise<string[]> {
  if (documents.length === 0) return [];
  const t = reportDocuments;
  const column = (c: { name: string }) => sql.identifier(c.name);
  const written = await queryRows<{ id: string }>(
    db,
    sql`insert into ${t} (${column(t.id)}, ${column(t.source)}, ${column(t.testerId)}, ${column(t.document)}, ${column(t.contentHash)})
      select u.id, u.source, u.tester_id, u.document::jsonb, u.content_hash
      from unnest(${sql.param(documents.map((d) => d.id))}::uuid[], ${sql.param(documents.map((d) => d.source))}::text[],
        ${sql.param(documents.map((d) => d.testerId))}::uuid[], string_to_array(${documents.map((d) => d.json).join("\n")}::text, e'\\n'),
        ${sql.param(documents.map((d) => d.contentHash))}::text[])
        with ordinality as u(id, source, tester_id, document, content_hash, ordinality)
      order by u.ordinality
      on conflict (${column(t.id)}) do nothing returning ${column(t.id)} as id`,
  );
  return written.map((row) => row.id);
}

export interface ImportReject {
  sourceTable: string;
  sourceKey: string;
  reason: string;
  errors: { path: string; message: string }[];
  raw: Buffer | null;
}

/** Keeps rows that were not imported, with why; a row rejected again keeps its latest reason. */
export async function recordRejects(db: Db, rejects: readonly ImportReject[]): Promise<void> {
  if (rejects.length === 0) return;
  await db
    .insert(legacyImportRejects)
    .values([...rejects])
    .onConflictDoUpdate({
      target: [legacyImportRejects.sourceTable, legacyImportRejects.sourceKey],
      set: {
        reason: sql`excluded.reason`,
        errors: sql`excluded.errors`,
        raw: sql`excluded.raw`,
        rejectedAt: sql`now()`,
      },
    });
}

/** Rejected rows of a table with these keys, for the verification's reasons. */
export function findRejects(db: Db, sourceTable: string, keys: readonly string[]) {
  if (keys.length === 0) return Promise.resolve([]);
  return db
    .select({ sourceKey: legacyImportRejects.sourceKey, reason: legacyImportRejects.reason })
    .from(legacyImportRejects)
    .where(and(eq(legacyImportRejects.sourceTable, sourceTable), inArray(legacyImportRejects.sourceKey, [...keys])));
}

export interface ImportedTester {
  id: string;
  fullName: string;
  email: string;
}

/**
 * Adds Metabase profiles of the original, without secrets. A profile met again (the original
 * keeps several rows per profile; the latest wins) updates its name and address, unless the
 * tester is no longer only imported (registered here).
 */
export async function importTesters(db: Db, rows: readonly ImportedTester[]): Promise<number> {
  if (rows.length === 0) return 0;
  const latest = new Map(rows.map((row) => [row.id, row]));
  const written = await db
    .insert(testers)
    .values([...latest.values()].map((row) => ({ ...row, importedAt: sql`now()` })))
    .onConflictDoUpdate({
      target: testers.id,
      set: { fullName: sql`excluded.full_name`, email: sql`excluded.email` },
      setWhere: sql`${testers.secretHash} is null and ${testers.importedAt} is not null`,
    })
    .returning({ id: testers.id });
  return written.length;
}

/** Adds perl versions not known yet; returns how many were new. */
export async function importPerlVersions(db: Db, rows: readonly PerlVersionRow[]): Promise<number> {
  if (rows.length === 0) return 0;
  const written = await db
    .insert(perlVersions)
    .values([...rows])
    .onConflictDoNothing({ target: perlVersions.version })
    .returning({ version: perlVersions.version });
  return written.length;
}

/** Which of these GUIDs are stored as documents, and whether each became a counted report. */
export async function documentStates(
  db: Db,
  guids: readonly string[],
): Promise<Map<string, { counted: boolean; error: string | null; processed: boolean }>> {
  if (guids.length === 0) return new Map();
  const rows = await db
    .select({
      id: reportDocuments.id,
      error: reportDocuments.error,
      processed: sql<boolean>`${reportDocuments.processedAt} is not null`,
      counted: sql<boolean>`${reports.id} is not null`,
    })
    .from(reportDocuments)
    .leftJoin(reports, eq(reports.guid, reportDocuments.id))
    .where(inArray(reportDocuments.id, [...guids]));
  return new Map(rows.map((row) => [row.id, { counted: row.counted, error: row.error, processed: row.processed }]));
}

/** Counted reports by grade among the imported documents (sources `legacy` and `legacy-metabase`). */
export async function importedGradeCounts(db: Db): Promise<Map<string, number>> {
  const rows = await db
    .select({ grade: reports.grade, total: count() })
    .from(reports)
    .innerJoin(reportDocuments, eq(reportDocuments.id, reports.guid))
    .where(inArray(reportDocuments.source, ["legacy", "legacy-metabase"]))
    .groupBy(reports.grade);
  return new Map(rows.map((row) => [row.grade, row.total]));
}

/** The counted reports of one release, for explaining a count that differs from the original's. */
export function reportsOfRelease(db: Db, dist: string, version: string) {
  return db
    .select({ guid: reports.guid, grade: reports.grade, perl: reports.perl, perlMaturity: reports.perlMaturity })
    .from(reports)
    .where(and(eq(reports.dist, dist), eq(reports.version, version)));
}
