import type { Db } from "../../db/client.js";
import { announceDocuments } from "../../db/queries/document.queries.js";
import { readCheckpoint, recordRejects, saveCheckpoint } from "../../db/queries/legacy-import.queries.js";
import { type EventBus, Topic } from "../../events/index.js";
import type { JsonLimits } from "../../report/index.js";
import { uploadEvent } from "../upload.intake.js";
import { type LegacyTable, type PreparedPage, tableImports } from "./legacy.tables.js";
import { LegacySourceError, type MysqlSource, type SourceRow } from "./mysql.source.js";

/** What one table's import did. */
export interface TableSummary {
  table: string;
  read: number;
  imported: number;
  /** Rows whose key was already stored (an earlier run, or a report that arrived through intake). */
  alreadyThere: number;
  invalid: number;
  /** Invalid rows by reason (reasonOf, legacy.rows.ts), with the first few keys of each. */
  invalidByReason: Map<string, { count: number; keys: string[] }>;
}

/** Keys shown per reason in the summary; every one is in legacy_import_rejects. */
const KEYS_SHOWN = 5;

export interface ImportProgress {
  start(total: number, label: string): void;
  increment(n: number): void;
  stop(): void;
}

export interface LegacyImportOptions {
  db: Db;
  source: MysqlSource;
  /** The database of the legacy Metabase cache (`metabase.metabase`); default `metabase`. */
  metabaseDatabase: string;
  tables: readonly LegacyTable[];
  /** Only reports created at or after this time (`YYYY-MM-DD HH:MM:SS`, UTC). */
  since?: string | undefined;
  /** Rows per page read and per transaction written. */
  batchSize: number;
  limits: JsonLimits;
  events?: EventBus | undefined;
  progress?: ImportProgress;
  /** Called after each committed page (tests stop an import part way with it). */
  onPage?: (table: string, summary: TableSummary) => void;
}

/**
 * Imports the original database's tables in primary-key order. Each page is one transaction: its
 * new rows, its refused rows (with their reasons) and the checkpoint (the page's last key)
 * commit together, so an import stopped at any point, even by SIGKILL, starts again after the
 * last committed page and stores nothing twice; rows are keyed (report GUID, profile GUID,
 * dist and version), so even a page written again changes nothing.
 */
export async function importLegacy(options: LegacyImportOptions): Promise<TableSummary[]> {
  const { db, source, progress } = options;
  const imports = tableImports({ main: source.database, metabase: options.metabaseDatabase });
  const wanted = options.tables.map((name) => imports[name]);
  const missing = await source.missing(wanted.map((t) => t.source));
  if (missing.length > 0) {
    throw new LegacySourceError(
      `the original database at ${source.where} has no table ${missing.map((name) => `\`${name}\``).join(", ")}`,
    );
  }
  const summaries: TableSummary[] = [];
  for (const tableImport of wanted) {
    const table = tableImport.source;
    const summary: TableSummary = {
      table: table.name,
      read: 0,
      imported: 0,
      alreadyThere: 0,
      invalid: 0,
      invalidByReason: new Map(),
    };
    summaries.push(summary);
    const since = table.timeColumn ? options.since : undefined;
    const scope = since === undefined ? table.name : `${table.name}@${since}`;
    const after = await readCheckpoint(db, scope);
    progress?.start(await source.estimatedRows(table, since), table.name);
    // One page is prepared (parsed, validated, serialised: JavaScript) while the one before it is
    // written (Postgres): the two overlap. Writes stay one at a time and in key order, so the
    // checkpoint never passes a page that has not committed.
    let writing: Promise<void> = Promise.resolve();
    const commit = async (rows: SourceRow[], page: PreparedPage) => {
      const lastKey = String(rows[rows.length - 1]?.[table.key]);
      const written = await db.transaction(async (tx) => {
        const result = await page.write(tx);
        await recordRejects(tx, page.rejects);
        await saveCheckpoint(tx, scope, lastKey);
        // Delivered at commit: ETL workers in any process start on the new documents.
        if (table.name === "test_report" || table.name === "metabase.metabase") await announceDocuments(tx);
        return result;
      });
      for (const upload of written.uploads ?? []) options.events?.emit(Topic.uploadAdded, uploadEvent(upload));
      summary.read += rows.length;
      summary.imported += written.imported;
      summary.alreadyThere += page.accepted - written.imported;
      summary.invalid += page.rejects.length;
      for (const { reason, sourceKey } of page.rejects) {
        const entry = summary.invalidByReason.get(reason) ?? { count: 0, keys: [] };
        entry.count += 1;
        if (entry.keys.length < KEYS_SHOWN) entry.keys.push(sourceKey);
        summary.invalidByReason.set(reason, entry);
      }
      progress?.increment(rows.length);
      options.onPage?.(table.name, summary);
    };
    try {
      for await (const rows of source.pages(table, {
        ...(after !== undefined ? { after } : {}),
        ...(since !== undefined ? { since } : {}),
        pageSize: options.batchSize,
      })) {
        const page = await tableImport.prepare(rows, { db, limits: options.limits });
        await writing;
        writing = commit(rows, page);
        // Awaited before the next write or at the end; meanwhile a failure must not go unhandled.
        writing.catch(() => undefined);
      }
      await writing;
    } finally {
      // A read or preparation that failed leaves the write in flight to end before the caller closes.
      await writing.catch(() => undefined);
      progress?.stop();
    }
  }
  return summaries;
}

/** The summary an operator reads at the end, one line per table and per reason. */
export function formatSummary(summaries: readonly TableSummary[]): string {
  const lines = summaries.map(
    (s) =>
      `${s.table}: ${s.read} read, ${s.imported} imported, ${s.alreadyThere} already there, ${s.invalid} invalid` +
      [...s.invalidByReason]
        .map(([reason, { count, keys }]) => {
          const more = count > keys.length ? ", ..." : "";
          return `\n  ${count} invalid: ${reason} (${keys.join(", ")}${more})`;
        })
        .join(""),
  );
  return `${lines.join("\n")}\n`;
}
