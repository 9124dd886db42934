import type { Db } from "../db/client.js";
import type { ReportAnalysis } from "../analysis/index.js";
import { insertReportAnalysis } from "../db/queries/analysis.queries.js";
import { insertReports, type ReportToInsert } from "../db/queries/report.queries.js";
import { invalidatedAmong } from "../db/queries/invalidation.queries.js";
import { applyRollups, type ReleaseCounts } from "../db/queries/rollup.queries.js";
import { rootMessage } from "../errors/index.js";
import { type CountedReport, rollUp } from "../db/queries/rollup.deltas.js";

/** A derived report waiting for its row, with the document it came from. */
export interface PendingReport {
  documentId: string;
  row: ReportToInsert;
  /** Absent when the analysis is off. */
  analysis?: ReportAnalysis;
}

export interface Written {
  counted: CountedReport[];
  /** The newest counts of each release written, by `dist\0version`. */
  releases: Map<string, ReleaseCounts>;
  failed: { id: string; error: string }[];
}

type Failure = Written["failed"][number];

/**
 * Writes report rows and their rollups inside the batch's transaction, isolating the reports the
 * database refuses without redoing the batch one report at a time. Each step runs under a
 * savepoint, so that a refusal undoes only its own part:
 * 1. the report rows, split in quarters when the database refuses them, and again, down to the one
 *    row it refuses (about 4·log4(n) small INSERTs per bad report, its good rows written once);
 *    then the rollups of every row written, once;
 * 2. only if a rollup row is what the database refuses: reports and their rollups split together.
 */
export async function writeIsolating(tx: Db, pending: PendingReport[]): Promise<Written> {
  if (pending.length === 0) return { counted: [], releases: new Map(), failed: [] };
  try {
    return await tx.transaction(async (savepoint) => {
      const { counted, failed } = await insertIsolating(savepoint, pending);
      return { counted, releases: await rollupsOf(savepoint, counted), failed };
    });
  } catch {
    // A rollup row was refused: the reports' rows are rolled back too, and found again below.
    return splitWrites(tx, pending);
  }
}

async function write(tx: Db, pending: PendingReport[]): Promise<Written> {
  const counted = await insert(tx, pending);
  return { counted, releases: await rollupsOf(tx, counted), failed: [] };
}

async function insert(tx: Db, pending: PendingReport[]): Promise<CountedReport[]> {
  const rows = pending.map((p) => p.row);
  const ids = await insertReports(tx, rows);
  // In the same savepoint as the report rows: a report and its analysis are written or refused together.
  await insertReportAnalysis(
    tx,
    pending.flatMap(({ row, analysis }) => {
      const reportId = ids.get(row.guid);
      if (reportId === undefined || !analysis) return [];
      const { dist, version, grade, submittedAt } = row;
      return [{ reportId, dist, version, grade, submittedAt, ...analysis }];
    }),
  );
  return rows.filter((r) => ids.has(r.guid)).map((r) => ({ ...r, id: ids.get(r.guid) }) as CountedReport);
}

async function rollupsOf(tx: Db, counted: CountedReport[]): Promise<Map<string, ReleaseCounts>> {
  // Reports an author marked invalid stay out of every count, also when a rebuild reads them again.
  const invalid = await invalidatedAmong(
    tx,
    counted.map((r) => r.guid),
  );
  const releases = await applyRollups(
    tx,
    rollUp(invalid.size > 0 ? counted.filter((r) => !invalid.has(r.guid)) : counted),
  );
  return new Map(releases.map((r) => [`${r.dist}\u0000${r.version}`, r]));
}

/** Report rows only, split under savepoints until each refused row stands alone. */
async function insertIsolating(
  tx: Db,
  pending: PendingReport[],
): Promise<{ counted: CountedReport[]; failed: Failure[] }> {
  try {
    return { counted: await tx.transaction((savepoint) => insert(savepoint, pending)), failed: [] };
  } catch (error) {
    if (pending.length === 1) return { counted: [], failed: failures(pending, error) };
    const parts: { counted: CountedReport[]; failed: Failure[] }[] = [];
    for (const part of split(pending)) parts.push(await insertIsolating(tx, part));
    return { counted: parts.flatMap((p) => p.counted), failed: parts.flatMap((p) => p.failed) };
  }
}

/** Reports with their rollups, split under savepoints until each refused report stands alone. */
async function splitWrites(tx: Db, pending: PendingReport[]): Promise<Written> {
  try {
    return await tx.transaction((savepoint) => write(savepoint, pending));
  } catch (error) {
    if (pending.length === 1) return { counted: [], releases: new Map(), failed: failures(pending, error) };
    const parts: Written[] = [];
    for (const part of split(pending)) parts.push(await splitWrites(tx, part));
    return {
      counted: parts.flatMap((p) => p.counted),
      // Later parts wrote after earlier ones: their counts of a shared release are the newer.
      releases: new Map(parts.flatMap((p) => [...p.releases])),
      failed: parts.flatMap((p) => p.failed),
    };
  }
}

/**
 * Quarters rather than halves: a refused INSERT stops at the bad row, so what costs is the good
 * rows written again; quarters write about 1.3 times the part in all, halves about twice.
 */
function split(pending: PendingReport[]): PendingReport[][] {
  const size = Math.ceil(pending.length / 4);
  const parts: PendingReport[][] = [];
  for (let start = 0; start < pending.length; start += size) parts.push(pending.slice(start, start + size));
  return parts;
}

function failures(pending: PendingReport[], error: unknown): Failure[] {
  return pending.map((p) => ({ id: p.documentId, error: rootMessage(error) }));
}
