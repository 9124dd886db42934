import { sql } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import { type Db, queryRows } from "../db/client.js";
import {
  perlVersions,
  releaseMatrixCells,
  releases,
  reports,
  reportsDaily,
  reportsHourly,
  reportsMonthly,
  testerMonths,
  uploads,
} from "../db/schema/index.js";
import type { ReportFacts } from "../report/index.js";
import type { CounterDelta, Rollups } from "./rollup.js";

/** A derived report ready for its row: counted (Perl 5) facts and when the document arrived. */
export interface ReportToInsert extends ReportFacts {
  receivedAt: Date;
}

/**
 * Inserts report rows in the given order and returns the ids of those that are new. A GUID that
 * already has a row (a document processed again after a crash or a retry) is skipped, so it is
 * never counted twice.
 */
export async function insertReports(tx: Db, rows: readonly ReportToInsert[]): Promise<Map<string, number>> {
  if (rows.length === 0) return new Map();
  const inserted = await tx
    .insert(reports)
    .values(
      rows.map((r) => ({
        guid: r.guid,
        grade: r.grade,
        dist: r.dist,
        version: r.version,
        tester: r.tester,
        perl: r.perl,
        perlMajor: r.perlMajor ?? 0,
        perlMinor: r.perlMinor ?? 0,
        perlPatch: r.perlPatch ?? 0,
        perlMaturity: r.perlMaturity ?? "stable",
        perlPatched: r.perlPatched,
        platform: r.platform,
        osname: r.osname,
        osversion: r.osversion ?? "",
        submittedAt: r.submittedAt,
        receivedAt: r.receivedAt,
      })),
    )
    .onConflictDoNothing({ target: reports.guid })
    .returning({ id: reports.id, guid: reports.guid });
  return new Map(inserted.map((row) => [row.guid, row.id]));
}

/** The counts of a release after this batch's reports were added. */
export type ReleaseCounts = typeof releases.$inferSelect;

/** Adds a batch's rollups to every derived table; returns the releases' new counts. */
export async function applyRollups(tx: Db, rollups: Rollups): Promise<ReleaseCounts[]> {
  const updated = rollups.releases.length === 0 ? [] : await upsertReleases(tx, rollups);
  await addCounts(
    tx,
    releaseMatrixCells,
    releaseMatrixCells.reports,
    [
      releaseMatrixCells.dist,
      releaseMatrixCells.version,
      releaseMatrixCells.perlSeries,
      releaseMatrixCells.osname,
      releaseMatrixCells.grade,
    ],
    rollups.matrixCells,
  );
  await addCounts(
    tx,
    reportsDaily,
    reportsDaily.reports,
    [reportsDaily.day, reportsDaily.osname, reportsDaily.perlSeries, reportsDaily.grade],
    rollups.daily,
  );
  await addCounts(
    tx,
    reportsMonthly,
    reportsMonthly.reports,
    [reportsMonthly.month, reportsMonthly.osname, reportsMonthly.perlSeries, reportsMonthly.grade],
    rollups.monthly,
  );
  await addCounts(tx, reportsHourly, reportsHourly.reports, [reportsHourly.hour, reportsHourly.grade], rollups.hourly);
  await addCounts(
    tx,
    testerMonths,
    testerMonths.reports,
    [testerMonths.month, testerMonths.tester],
    rollups.testerMonths,
  );
  if (rollups.perlVersions.length > 0) {
    await tx.insert(perlVersions).values(rollups.perlVersions).onConflictDoNothing();
  }
  if (rollups.uploads.length > 0) {
    // A release known only from its reports gets a provisional upload, completed when the
    // upload itself arrives; a later report may still supply the author a v3 report could not.
    await tx
      .insert(uploads)
      .values(rollups.uploads.map((u) => ({ ...u, provisional: true, filename: null, releasedAt: null })))
      .onConflictDoUpdate({
        target: [uploads.dist, uploads.version],
        set: { author: sql`coalesce(${uploads.author}, excluded.author)` },
        setWhere: sql`${uploads.author} is null and excluded.author is not null`,
      });
  }
  return updated;
}

function upsertReleases(tx: Db, rollups: Rollups): Promise<ReleaseCounts[]> {
  const add = (column: PgColumn) => sql`${column} + excluded.${sql.identifier(column.name)}`;
  return tx
    .insert(releases)
    .values(rollups.releases.map((delta) => ({ ...delta, updatedAt: sql`now()` })))
    .onConflictDoUpdate({
      target: [releases.dist, releases.version],
      set: {
        pass: add(releases.pass),
        fail: add(releases.fail),
        na: add(releases.na),
        unknown: add(releases.unknown),
        stablePass: add(releases.stablePass),
        stableFail: add(releases.stableFail),
        stableNa: add(releases.stableNa),
        stableUnknown: add(releases.stableUnknown),
        latestReportId: sql`greatest(${releases.latestReportId}, excluded.latest_report_id)`,
        updatedAt: sql`now()`,
      },
    })
    .returning();
}

/** `insert ... on conflict do update set reports = reports + excluded.reports` for a counter table. */
async function addCounts<Key extends Record<string, unknown>>(
  tx: Db,
  table: PgTable,
  counter: PgColumn,
  keyColumns: PgColumn[],
  deltas: CounterDelta<Key>[],
): Promise<void> {
  if (deltas.length === 0) return;
  await tx
    .insert(table)
    .values(deltas.map((delta) => ({ ...delta.key, reports: delta.reports })))
    .onConflictDoUpdate({
      target: keyColumns,
      set: { reports: sql`${counter} + excluded.reports` },
    });
}

/** The authors the uploads table knows for these releases (for events about v3 reports). */
export async function authorsOf(tx: Db, keys: { dist: string; version: string }[]): Promise<Map<string, string>> {
  if (keys.length === 0) return new Map();
  const rows = await queryRows<{ dist: string; version: string; author: string }>(
    tx,
    sql`select u.dist, u.version, u.author from uploads u
        join unnest(${sql.param(keys.map((k) => k.dist))}::text[], ${sql.param(keys.map((k) => k.version))}::text[])
          as k(dist, version) using (dist, version)
        where u.author is not null`,
  );
  return new Map(rows.map((row) => [`${row.dist}\u0000${row.version}`, row.author]));
}
