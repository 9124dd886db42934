import { and, eq, inArray, lt, sql } from "drizzle-orm";
import { asDate, type Db, queryRows } from "../client.js";
import {
  notificationCursor,
  notificationPending,
  notificationSettings,
  type NotificationSettingsRow,
  reportInvalidations,
  reports,
  uploads,
} from "../schema/index.js";

/** An author's settings rows: the default (`dist` '') and the per-distribution overrides. */
export function settingsOf(db: Db, author: string): Promise<NotificationSettingsRow[]> {
  return db
    .select()
    .from(notificationSettings)
    .where(eq(notificationSettings.author, author))
    .orderBy(notificationSettings.dist);
}

/** The settings rows of many authors at once (the notifier reads a batch's authors in one statement). */
export function settingsOfAuthors(db: Db, authors: readonly string[]): Promise<NotificationSettingsRow[]> {
  if (authors.length === 0) return Promise.resolve([]);
  return db
    .select()
    .from(notificationSettings)
    .where(inArray(notificationSettings.author, [...authors]));
}

export type SettingsValues = Omit<NotificationSettingsRow, "author" | "dist" | "updatedAt">;

/** Writes one settings row (the default when `dist` is ''). */
export async function saveSettings(
  db: Db,
  author: string,
  dist: string,
  values: SettingsValues,
  now: Date,
): Promise<void> {
  await db
    .insert(notificationSettings)
    .values({ author, dist, ...values, updatedAt: now })
    .onConflictDoUpdate({
      target: [notificationSettings.author, notificationSettings.dist],
      set: { ...values, updatedAt: now },
    });
}

/** Removes a distribution's override; true when there was one. */
export async function deleteSettings(db: Db, author: string, dist: string): Promise<boolean> {
  const rows = await db
    .delete(notificationSettings)
    .where(and(eq(notificationSettings.author, author), eq(notificationSettings.dist, dist)))
    .returning({ dist: notificationSettings.dist });
  return rows.length > 0;
}

/** Whether this author has uploaded (or been named by reports of) this distribution. */
export async function authorHasDist(db: Db, author: string, dist: string): Promise<boolean> {
  const rows = await db
    .select({ dist: uploads.dist })
    .from(uploads)
    .where(and(eq(uploads.author, author), eq(uploads.dist, dist)))
    .limit(1);
  return rows.length > 0;
}

/**
 * The notifier's place in the report table, locked for this transaction so that one process at a
 * time hands out notifications. A new database starts at its newest report: nobody is mailed
 * about reports counted before notifications existed.
 */
export async function lockCursor(tx: Db): Promise<number> {
  await tx
    .insert(notificationCursor)
    .values({ id: 1, lastReportId: sql`coalesce((select max(${reports.id}) from ${reports}), 0)` })
    .onConflictDoNothing();
  const [row] = await tx.select().from(notificationCursor).where(eq(notificationCursor.id, 1)).for("update");
  return row?.lastReportId ?? 0;
}

export async function moveCursor(tx: Db, lastReportId: number): Promise<void> {
  await tx.update(notificationCursor).set({ lastReportId }).where(eq(notificationCursor.id, 1));
}

/** A counted report as the notifier sees it: who to tell, and what the filters look at. */
export interface ReportToNotify {
  id: number;
  guid: string;
  dist: string;
  version: string;
  grade: string;
  perl: string;
  perlSeries: string;
  perlMaturity: string;
  perlPatched: boolean;
  platform: string;
  osname: string;
  osversion: string;
  tester: string;
  submittedAt: Date;
  author: string | null;
  /** The distribution's newest release. */
  latestVersion: string | null;
}

/* Hand-written: a lateral probe of uploads_dist_latest_idx per report; the builder has no lateral join. */
const reportsToNotify = (where: ReturnType<typeof sql>, limit: number) => sql`
  select r.id, r.guid, r.dist, r.version, r.grade, r.perl,
    r.perl_major || '.' || r.perl_minor as "perlSeries", r.perl_maturity as "perlMaturity",
    r.perl_patched as "perlPatched", r.platform, r.osname, r.osversion, r.tester,
    r.submitted_at as "submittedAt", u.author, latest.version as "latestVersion"
  from ${reports} r
  left join ${uploads} u on u.dist = r.dist and u.version = r.version
  left join lateral (
    select l.version from ${uploads} l where l.dist = r.dist
    order by l.released_at desc nulls last, l.version desc limit 1
  ) latest on true
  where ${where}
    and not exists (select 1 from ${reportInvalidations} i where i.guid = r.guid::text)
  order by r.id
  limit ${limit}`;

const toReport = (row: ReportToNotify): ReportToNotify => ({
  ...row,
  id: Number(row.id),
  submittedAt: asDate(row.submittedAt),
});

/** The counted reports after `afterId`, oldest first, at most `limit`. */
export async function reportsAfter(db: Db, afterId: number, limit: number): Promise<ReportToNotify[]> {
  const rows = await queryRows<ReportToNotify>(db, reportsToNotify(sql`r.id > ${afterId}`, limit));
  return rows.map(toReport);
}

/** These reports (a digest's), oldest first. */
export async function reportsByIds(db: Db, ids: readonly number[]): Promise<ReportToNotify[]> {
  if (ids.length === 0) return [];
  const rows = await queryRows<ReportToNotify>(
    db,
    reportsToNotify(sql`r.id = any(${sql.param([...ids])}::bigint[])`, ids.length),
  );
  return rows.map(toReport);
}

/**
 * Those of `ids` that are the first report of their release with their platform, perl and grade.
 * Each is a walk of its release's earlier reports (reports_dist_version_idx: 1.3 ms, 615 rows per
 * report on the 1M-report benchmark database), so it is asked only for the reports a "first
 * only" preference would otherwise mail.
 */
export async function firstOfTheirKind(db: Db, ids: readonly number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await queryRows<{ id: number }>(
    db,
    sql`select r.id from ${reports} r
      where r.id = any(${sql.param([...ids])}::bigint[])
        and not exists (
          select 1 from ${reports} e
          where e.dist = r.dist and e.version = r.version and e.id < r.id
            and e.platform = r.platform and e.perl = r.perl and e.grade = r.grade
        )`,
  );
  return new Set(rows.map((row) => Number(row.id)));
}

export async function addPending(tx: Db, rows: { author: string; reportId: number }[], now: Date): Promise<void> {
  if (rows.length === 0) return;
  await tx
    .insert(notificationPending)
    .values(rows.map((row) => ({ ...row, createdAt: now })))
    .onConflictDoNothing();
}

/** An author whose digest period has ended with reports waiting, and that period. */
export interface DueDigest {
  author: string;
  frequency: string;
  /** Start of the author's current period: everything waiting from before it goes out now. */
  periodStart: Date;
  timeZone: string;
}

/**
 * Authors with reports waiting from before the start of their current digest period, cut in the
 * author's time zone: daily at midnight, weekly at midnight starting their chosen day, monthly on
 * the first. Authors without settings have the defaults (daily, UTC). Hand-written: the period
 * arithmetic is `at time zone` and interval expressions the builder has no form for.
 */
export async function dueDigests(
  db: Db,
  now: Date,
  defaults: { frequency: string; weekday: number },
): Promise<DueDigest[]> {
  const rows = await queryRows<{ author: string; frequency: string; periodStart: Date | string; timeZone: string }>(
    db,
    sql`with waiting as (
        select ${notificationPending.author} as author, min(${notificationPending.createdAt}) as oldest
        from ${notificationPending} group by 1),
      settings as (
        select w.author, w.oldest,
          coalesce(s.frequency, ${defaults.frequency}) as frequency,
          coalesce(s.weekday, ${defaults.weekday}) as weekday,
          coalesce(s.time_zone, 'UTC') as tz,
          (${now.toISOString()}::timestamptz at time zone coalesce(s.time_zone, 'UTC')) as local_now
        from waiting w left join ${notificationSettings} s on s.author = w.author and s.dist = ''),
      periods as (
        select author, oldest, frequency, tz, case frequency
          when 'monthly' then date_trunc('month', local_now)
          when 'weekly' then date_trunc('day', local_now)
            - ((extract(dow from local_now)::int - weekday + 7) % 7) * interval '1 day'
          else date_trunc('day', local_now) end at time zone tz as period_start
        from settings)
      select author, frequency, period_start as "periodStart", tz as "timeZone"
      from periods where oldest < period_start and frequency in ('daily', 'weekly', 'monthly')
      order by author`,
  );
  return rows.map((row) => ({ ...row, periodStart: asDate(row.periodStart) }));
}

/** Takes an author's waiting reports from before `before` (in the transaction that queues their digest). */
export async function takePending(tx: Db, author: string, before: Date): Promise<number[]> {
  const rows = await tx
    .delete(notificationPending)
    .where(and(eq(notificationPending.author, author), lt(notificationPending.createdAt, before)))
    .returning({ reportId: notificationPending.reportId });
  return rows.map((row) => Number(row.reportId)).sort((a, b) => a - b);
}

/** Drops waiting reports of authors whose frequency no longer digests them (never, or every report). */
export async function dropPending(tx: Db, author: string): Promise<void> {
  await tx.delete(notificationPending).where(eq(notificationPending.author, author));
}
