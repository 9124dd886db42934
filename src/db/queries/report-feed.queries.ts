import { and, asc, between, count, desc, eq, gt, gte, lt, lte, max, min, type SQL, sql } from "drizzle-orm";
import { type Db, queryRows } from "../client.js";
import { releases, type ReportRow, reports } from "../schema/index.js";
import { exactTime } from "./release.queries.js";

/** A release's report total and its newest report id: what a feed of the release's reports holds. */
export interface ReleaseTotal {
  version: string;
  reports: number;
  latestReportId: number | null;
}

/**
 * The report totals of every release of a distribution, from the counters the ETL keeps in the
 * same transaction as the reports (one row per release, never a scan of reports): they change
 * whenever a feed of the distribution's reports would, so they make its validator.
 */
export function releaseTotalsOfDist(db: Db, dist: string): Promise<ReleaseTotal[]> {
  return db
    .select({
      version: releases.version,
      reports: sql<number>`(${releases.pass} + ${releases.fail} + ${releases.na} + ${releases.unknown})::int`,
      latestReportId: releases.latestReportId,
    })
    .from(releases)
    .where(eq(releases.dist, dist))
    .orderBy(asc(releases.version));
}

/** Which reports a window holds: an id range, or a submission time range. */
export type ReportWindow = { fromId: number; toId: number } | { submittedFrom: Date; submittedBefore: Date };

export interface WindowSummary {
  reports: number;
  minId: number | null;
  maxId: number | null;
}

function windowCondition(window: ReportWindow): SQL {
  return "fromId" in window
    ? between(reports.id, window.fromId, window.toId)
    : and(gte(reports.submittedAt, window.submittedFrom), lt(reports.submittedAt, window.submittedBefore))!;
}

/** How many reports a window holds and its first and last id, from an index alone. */
export async function reportWindowSummary(db: Db, window: ReportWindow): Promise<WindowSummary> {
  const [row] = await db
    .select({ reports: count(), minId: min(reports.id), maxId: max(reports.id) })
    .from(reports)
    .where(windowCondition(window));
  return {
    reports: row?.reports ?? 0,
    minId: row?.minId === null || row?.minId === undefined ? null : Number(row.minId),
    maxId: row?.maxId === null || row?.maxId === undefined ? null : Number(row.maxId),
  };
}

/** The newest report's id; null while there are none. */
export async function newestReportId(db: Db): Promise<number | null> {
  const [row] = await db.select({ id: reports.id }).from(reports).orderBy(desc(reports.id)).limit(1);
  return row ? Number(row.id) : null;
}

export interface WindowPage {
  /** Continue after this report of the previous page (its time as `submittedAtExact` gave it). */
  after?: { id: number; submittedAt: string };
  /** Reports newer than this id are left out (they arrived after the window was summarised). */
  throughId: number;
  limit: number;
}

/**
 * One page of a window's reports. An id range pages by id over the primary key; a time range
 * pages by (submitted_at, id) over reports_submitted_at_idx, so that each page is an index range
 * read however many reports the day holds.
 */
export function reportWindowPage(
  db: Db,
  window: ReportWindow,
  page: WindowPage,
): Promise<{ report: ReportRow; submittedAtExact: string }[]> {
  const conditions: SQL[] = [windowCondition(window), lte(reports.id, page.throughId)];
  const byId = "fromId" in window;
  if (page.after && byId) conditions.push(gt(reports.id, page.after.id));
  if (page.after && !byId) {
    const { submittedAt, id } = page.after;
    conditions.push(sql`(${reports.submittedAt}, ${reports.id}) > (${submittedAt}::timestamptz, ${id})`);
  }
  return db
    .select({ report: reports, submittedAtExact: exactTime(reports.submittedAt) })
    .from(reports)
    .where(and(...conditions))
    .orderBy(...(byId ? [asc(reports.id)] : [asc(reports.submittedAt), asc(reports.id)]))
    .limit(page.limit);
}

/** The newest reports by submission time (reports_submitted_at_idx, read backwards). */
export function newestSubmittedReports(db: Db, limit: number): Promise<ReportRow[]> {
  return db.select().from(reports).orderBy(desc(reports.submittedAt), desc(reports.id)).limit(limit);
}

/** A report as an Atom entry shows it. */
export interface FeedEntryReport {
  id: number;
  guid: string;
  grade: string;
  dist: string;
  version: string;
  tester: string;
  perl: string;
  osname: string;
  osversion: string;
  platform: string;
  submittedAt: Date;
}

/**
 * The newest reports of the given releases (of the given grades), newest first, at most `limit`:
 * the Atom feeds. One statement: a lateral walk backwards over reports_dist_version_idx for each
 * release, `limit` entries at most each, then the newest of those. Hand-written: the builder
 * cannot select FROM unnest(...) nor join a lateral subquery to it.
 */
export async function newestReportsOfReleases(
  db: Db,
  keys: readonly { dist: string; version: string }[],
  limit: number,
  grades?: readonly string[],
): Promise<FeedEntryReport[]> {
  if (keys.length === 0) return [];
  const r = reports;
  const graded = grades ? sql`and ${r.grade} = any(${sql.param([...grades])}::text[])` : sql``;
  const rows = await queryRows<Omit<FeedEntryReport, "submittedAt"> & { submittedAt: string | Date }>(
    db,
    sql`select e.id::float8 as id, e.guid, e.grade, e.dist, e.version, e.tester, e.perl, e.osname, e.osversion,
          e.platform, e.submitted_at as "submittedAt"
        from unnest(${sql.param(keys.map((k) => k.dist))}::text[], ${sql.param(keys.map((k) => k.version))}::text[])
          as k(dist, version)
        cross join lateral (
          select * from ${r} where ${r.dist} = k.dist and ${r.version} = k.version ${graded}
          order by ${r.id} desc limit ${limit}
        ) e
        order by e.id desc
        limit ${limit}`,
  );
  return rows.map((row) => ({ ...row, id: Number(row.id), submittedAt: new Date(row.submittedAt) }));
}
