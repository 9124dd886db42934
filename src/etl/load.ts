import { sql } from "drizzle-orm";
import { type Db, queryRows } from "../db/client.js";
import { type ArrayColumn, unnestRows } from "../db/unnest.js";
import type { ReportFacts } from "../report/index.js";
import type { CounterDelta, ReleaseDelta, Rollups } from "./rollup.js";

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
  const column = (name: string, type: string, value: (row: ReportToInsert) => unknown): ArrayColumn => [
    name,
    type,
    rows.map(value),
  ];
  const inserted = await queryRows<{ id: string | number; guid: string }>(
    tx,
    sql`insert into reports ${unnestRows([
      column("guid", "uuid", (r) => r.guid),
      column("grade", "text", (r) => r.grade),
      column("dist", "text", (r) => r.dist),
      column("version", "text", (r) => r.version),
      column("tester", "text", (r) => r.tester),
      column("perl", "text", (r) => r.perl),
      column("perl_major", "int2", (r) => r.perlMajor ?? 0),
      column("perl_minor", "int2", (r) => r.perlMinor ?? 0),
      column("perl_patch", "int2", (r) => r.perlPatch ?? 0),
      column("perl_maturity", "text", (r) => r.perlMaturity ?? "stable"),
      column("perl_patched", "bool", (r) => r.perlPatched),
      column("platform", "text", (r) => r.platform),
      column("osname", "text", (r) => r.osname),
      column("osversion", "text", (r) => r.osversion ?? ""),
      column("submitted_at", "timestamptz", (r) => r.submittedAt.toISOString()),
      column("received_at", "timestamptz", (r) => r.receivedAt.toISOString()),
    ])}
    on conflict (guid) do nothing returning id, guid`,
  );
  return new Map(inserted.map((row) => [row.guid, Number(row.id)]));
}

/** The counts of a release after this batch's reports were added, and when they changed. */
export type ReleaseCounts = ReleaseDelta & { updatedAt: Date };

/**
 * Adds a batch's rollups to every derived table; returns the releases' new counts. Every write is
 * one statement with the rows bound as column arrays (src/db/unnest.ts): a batch's thousands of
 * values would otherwise cost more to assemble than to store.
 */
export async function applyRollups(tx: Db, rollups: Rollups): Promise<ReleaseCounts[]> {
  const updated = await upsertReleases(tx, rollups.releases);
  const counts = <Key>(deltas: CounterDelta<Key>[], key: (k: Key) => Record<string, unknown>) =>
    deltas.map((delta) => ({ ...key(delta.key), reports: delta.reports }));
  await addCounts(
    tx,
    "release_matrix_cells",
    ["dist:text", "version:text", "perl_series:text", "osname:text", "grade:text"],
    counts(rollups.matrixCells, (k) => ({
      dist: k.dist,
      version: k.version,
      perl_series: k.perlSeries,
      osname: k.osname,
      grade: k.grade,
    })),
  );
  await addCounts(
    tx,
    "stats_reports_daily",
    ["day:date", "osname:text", "perl_series:text", "grade:text"],
    counts(rollups.daily, (k) => ({ day: k.day, osname: k.osname, perl_series: k.perlSeries, grade: k.grade })),
  );
  await addCounts(
    tx,
    "stats_reports_monthly",
    ["month:date", "osname:text", "perl_series:text", "grade:text"],
    counts(rollups.monthly, (k) => ({ month: k.month, osname: k.osname, perl_series: k.perlSeries, grade: k.grade })),
  );
  await addCounts(
    tx,
    "stats_reports_monthly_totals",
    ["month:date", "grade:text"],
    counts(rollups.monthlyTotals, (k) => ({ month: k.month, grade: k.grade })),
  );
  await addCounts(
    tx,
    "stats_reports_hourly",
    ["hour:timestamptz", "grade:text"],
    counts(rollups.hourly, (k) => ({ hour: k.hour.toISOString(), grade: k.grade })),
  );
  await addCounts(
    tx,
    "stats_tester_months",
    ["month:date", "tester:text"],
    counts(rollups.testerMonths, (k) => ({ month: k.month, tester: k.tester })),
  );
  if (rollups.perlVersions.length > 0) {
    const versions = rollups.perlVersions;
    await tx.execute(
      sql`insert into perl_versions ${unnestRows([
        ["version", "text", versions.map((v) => v.version)],
        ["major", "int2", versions.map((v) => v.major)],
        ["minor", "int2", versions.map((v) => v.minor)],
        ["patch", "int2", versions.map((v) => v.patch)],
        ["maturity", "text", versions.map((v) => v.maturity)],
        ["patched", "bool", versions.map((v) => v.patched)],
      ])} on conflict do nothing`,
    );
  }
  if (rollups.uploads.length > 0) {
    // A release known only from its reports gets a provisional upload, completed when the
    // upload itself arrives; a later report may still supply the author a v3 report could not.
    const releasesSeen = rollups.uploads;
    await tx.execute(sql`insert into uploads ${unnestRows([
      ["dist", "text", releasesSeen.map((u) => u.dist)],
      ["version", "text", releasesSeen.map((u) => u.version)],
      ["author", "text", releasesSeen.map((u) => u.author)],
      ["maturity", "text", releasesSeen.map((u) => u.maturity)],
      ["provisional", "bool", releasesSeen.map(() => true)],
    ])}
    on conflict (dist, version) do update set author = excluded.author
    where uploads.author is null and excluded.author is not null`);
  }
  return updated;
}

const RELEASE_COUNTERS = [
  ["pass", "pass"],
  ["fail", "fail"],
  ["na", "na"],
  ["unknown", "unknown"],
  ["stable_pass", "stablePass"],
  ["stable_fail", "stableFail"],
  ["stable_na", "stableNa"],
  ["stable_unknown", "stableUnknown"],
] as const;

/**
 * Adds to each release's counters. updated_at is clock_timestamp(), not now(): the time under the
 * commit-order lock, so it grows in commit order (now() is when the transaction began, which may
 * be before another batch's commit) and an updated-since poller never steps past a change.
 */
async function upsertReleases(tx: Db, deltas: ReleaseDelta[]): Promise<ReleaseCounts[]> {
  if (deltas.length === 0) return [];
  const added = RELEASE_COUNTERS.map(([column]) => `${column} = releases.${column} + excluded.${column}`).join(", ");
  const rows = await queryRows<Record<string, unknown>>(
    tx,
    sql`insert into releases ${unnestRows(
      [
        ["dist", "text", deltas.map((d) => d.dist)],
        ["version", "text", deltas.map((d) => d.version)],
        ...RELEASE_COUNTERS.map(([column, field]): ArrayColumn => [column, "int4", deltas.map((d) => d[field])]),
        ["latest_report_id", "int8", deltas.map((d) => d.latestReportId)],
      ],
      { updated_at: sql`clock_timestamp()` },
    )}
    on conflict (dist, version) do update set ${sql.raw(added)},
      latest_report_id = greatest(releases.latest_report_id, excluded.latest_report_id),
      updated_at = excluded.updated_at
    returning dist, version, ${sql.raw(RELEASE_COUNTERS.map(([column]) => column).join(", "))}, latest_report_id,
      updated_at`,
  );
  return rows.map((row) => ({
    dist: row.dist as string,
    version: row.version as string,
    ...Object.fromEntries(RELEASE_COUNTERS.map(([column, field]) => [field, Number(row[column])])),
    latestReportId: Number(row.latest_report_id),
    updatedAt: new Date(row.updated_at as string | Date),
  })) as ReleaseCounts[];
}

/** `insert ... on conflict do update set reports = reports + excluded.reports` for a counter table. */
async function addCounts(tx: Db, table: string, keys: string[], rows: Record<string, unknown>[]): Promise<void> {
  if (rows.length === 0) return;
  const keyColumns = keys.map((key) => key.split(":") as [string, string]);
  await tx.execute(sql`insert into ${sql.identifier(table)} ${unnestRows([
    ...keyColumns.map(([name, type]): ArrayColumn => [name, type, rows.map((row) => row[name])]),
    ["reports", "int4", rows.map((row) => row.reports)],
  ])}
  on conflict (${sql.raw(keyColumns.map(([name]) => name).join(", "))})
  do update set reports = ${sql.identifier(table)}.reports + excluded.reports`);
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
