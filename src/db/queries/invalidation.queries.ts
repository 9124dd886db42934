import { and, eq, inArray, lte, max, notExists, sql } from "drizzle-orm";
import type { Grade } from "../../report/grade.js";
import { countReport, NO_RELEASE_COUNTS, type ReleaseCounters } from "../../report/release-counters.js";
import { weekHourOf } from "../../report/week-hour.js";
import type { Db } from "../client.js";
import {
  releaseMatrixCells,
  releases,
  type ReportInvalidationRow,
  reportInvalidations,
  type ReportRow,
  reports,
  reportsDaily,
  reportsHourly,
  reportsMonthly,
  reportsMonthlyTotals,
  reportsWeekHours,
  reportDocuments,
  testerMachines,
  testerMonths,
} from "../schema/index.js";
import { applyRollups, type ReleaseCounts, type Rollups } from "./rollup.queries.js";

/*
 * Marking a report invalid takes it out of every derived table in the transaction that records
 * the mark, and unmarking puts it back: the same rollups the ETL writes, for one report, with the
 * sign turned. The ETL leaves marked reports out of what it counts (a rebuild stays exact), and
 * verifyDerivedCounts recounts without them.
 */

/** The GUIDs among these that are marked invalid (one statement for an ETL batch). */
export async function invalidatedAmong(db: Db, guids: readonly string[]): Promise<Set<string>> {
  if (guids.length === 0) return new Set();
  const rows = await db
    .select({ guid: reportInvalidations.guid })
    .from(reportInvalidations)
    .where(inArray(reportInvalidations.guid, [...guids]));
  return new Set(rows.map((row) => row.guid));
}

export async function findInvalidation(db: Db, guid: string): Promise<ReportInvalidationRow | undefined> {
  const [row] = await db.select().from(reportInvalidations).where(eq(reportInvalidations.guid, guid));
  return row;
}

export function findInvalidations(db: Db, guids: readonly string[]): Promise<ReportInvalidationRow[]> {
  if (guids.length === 0) return Promise.resolve([]);
  return db
    .select()
    .from(reportInvalidations)
    .where(inArray(reportInvalidations.guid, [...guids]));
}

/**
 * Marks a counted report invalid and subtracts it from every count; the release's new counts, or
 * undefined when it was marked already (nothing changes twice).
 */
export async function markInvalid(
  tx: Db,
  report: ReportRow,
  mark: { author: string; reason: string; at: Date },
): Promise<ReleaseCounts | undefined> {
  const inserted = await tx
    .insert(reportInvalidations)
    .values({ guid: report.guid, author: mark.author, reason: mark.reason, markedAt: mark.at })
    .onConflictDoNothing()
    .returning({ guid: reportInvalidations.guid });
  if (inserted.length === 0) return undefined;
  const testerId = await testerIdOf(tx, report.guid);
  await applyRollups(tx, rollupsOfOne(report, testerId, -1));
  await dropEmptyCounters(tx, report, testerId);
  return refreshLatest(tx, report);
}

/** Removes the mark and counts the report again; the release's new counts, or undefined when it was not marked. */
export async function unmarkInvalid(tx: Db, report: ReportRow): Promise<ReleaseCounts | undefined> {
  const deleted = await tx
    .delete(reportInvalidations)
    .where(eq(reportInvalidations.guid, report.guid))
    .returning({ guid: reportInvalidations.guid });
  if (deleted.length === 0) return undefined;
  const [release] = await applyRollups(tx, rollupsOfOne(report, await testerIdOf(tx, report.guid), 1));
  return release;
}

/** The authenticated submitter of a report's document, which the testers' machines are counted by. */
async function testerIdOf(tx: Db, guid: string): Promise<string | null> {
  const [row] = await tx
    .select({ testerId: reportDocuments.testerId })
    .from(reportDocuments)
    .where(eq(reportDocuments.id, guid));
  return row?.testerId ?? null;
}

/** What one report adds to (sign 1) or takes from (sign -1) each derived table; the ETL's keys. */
function rollupsOfOne(report: ReportRow, testerId: string | null, sign: 1 | -1): Rollups {
  const counters: ReleaseCounters = { ...NO_RELEASE_COUNTS };
  countReport(counters, report.grade as Grade, report.perlMaturity as "stable" | "dev");
  for (const key of Object.keys(counters) as (keyof ReleaseCounters)[]) counters[key] *= sign;
  const grade = report.grade as Grade;
  const perlSeries = `${report.perlMajor}.${report.perlMinor}`;
  const day = report.submittedAt.toISOString().slice(0, 10);
  const month = `${day.slice(0, 7)}-01`;
  const hour = new Date(report.receivedAt);
  hour.setUTCMinutes(0, 0, 0);
  const one = { reports: sign };
  return {
    releases: [{ dist: report.dist, version: report.version, ...counters, latestReportId: sign > 0 ? report.id : 0 }],
    matrixCells: [
      { key: { dist: report.dist, version: report.version, perlSeries, osname: report.osname, grade }, ...one },
    ],
    daily: [{ key: { day, osname: report.osname, perlSeries, grade }, ...one }],
    monthly: [{ key: { month, osname: report.osname, perlSeries, grade }, ...one }],
    monthlyTotals: [{ key: { month, grade }, ...one }],
    hourly: [{ key: { hour, grade }, ...one }],
    testerMonths: [{ key: { month, tester: report.tester }, ...one }],
    weekHours: [{ key: weekHourOf(report.receivedAt), ...one }],
    testerMachines: testerId
      ? [{ key: { testerId, osname: report.osname, perl: report.perl, platform: report.platform, grade }, ...one }]
      : [],
    perlVersions: [],
    uploads: [],
  };
}

/** Counter rows the subtraction left at zero go, as if the report had never been counted. */
async function dropEmptyCounters(tx: Db, report: ReportRow, testerId: string | null): Promise<void> {
  const perlSeries = `${report.perlMajor}.${report.perlMinor}`;
  const day = report.submittedAt.toISOString().slice(0, 10);
  const month = `${day.slice(0, 7)}-01`;
  const hour = new Date(report.receivedAt);
  hour.setUTCMinutes(0, 0, 0);
  const m = releaseMatrixCells;
  await tx
    .delete(m)
    .where(
      and(
        eq(m.dist, report.dist),
        eq(m.version, report.version),
        eq(m.perlSeries, perlSeries),
        eq(m.osname, report.osname),
        eq(m.grade, report.grade),
        lte(m.reports, 0),
      ),
    );
  const d = reportsDaily;
  await tx
    .delete(d)
    .where(
      and(
        eq(d.day, day),
        eq(d.osname, report.osname),
        eq(d.perlSeries, perlSeries),
        eq(d.grade, report.grade),
        lte(d.reports, 0),
      ),
    );
  const mo = reportsMonthly;
  await tx
    .delete(mo)
    .where(
      and(
        eq(mo.month, month),
        eq(mo.osname, report.osname),
        eq(mo.perlSeries, perlSeries),
        eq(mo.grade, report.grade),
        lte(mo.reports, 0),
      ),
    );
  const mt = reportsMonthlyTotals;
  await tx.delete(mt).where(and(eq(mt.month, month), eq(mt.grade, report.grade), lte(mt.reports, 0)));
  const h = reportsHourly;
  await tx.delete(h).where(and(eq(h.hour, hour), eq(h.grade, report.grade), lte(h.reports, 0)));
  const tm = testerMonths;
  await tx.delete(tm).where(and(eq(tm.month, month), eq(tm.tester, report.tester), lte(tm.reports, 0)));
  const slot = weekHourOf(report.receivedAt);
  const wh = reportsWeekHours;
  await tx
    .delete(wh)
    .where(
      and(
        eq(wh.month, slot.month),
        eq(wh.weekday, Number(slot.weekday)),
        eq(wh.hour, Number(slot.hour)),
        lte(wh.reports, 0),
      ),
    );
  if (!testerId) return;
  const tma = testerMachines;
  await tx
    .delete(tma)
    .where(
      and(
        eq(tma.testerId, testerId),
        eq(tma.osname, report.osname),
        eq(tma.perl, report.perl),
        eq(tma.platform, report.platform),
        eq(tma.grade, report.grade),
        lte(tma.reports, 0),
      ),
    );
}

/** The release's newest counted report after one left; its counts as they now are. */
async function refreshLatest(tx: Db, report: ReportRow): Promise<ReleaseCounts | undefined> {
  const [latest] = await tx
    .select({ id: max(reports.id) })
    .from(reports)
    .where(
      and(
        eq(reports.dist, report.dist),
        eq(reports.version, report.version),
        notExists(
          tx
            .select({ one: sql`1` })
            .from(reportInvalidations)
            .where(eq(reportInvalidations.guid, sql`${reports.guid}::text`)),
        ),
      ),
    );
  const [row] = await tx
    .update(releases)
    .set({ latestReportId: latest?.id ?? null, updatedAt: sql`clock_timestamp()` })
    .where(and(eq(releases.dist, report.dist), eq(releases.version, report.version)))
    .returning();
  if (!row) return undefined;
  return {
    dist: row.dist,
    version: row.version,
    pass: row.pass,
    fail: row.fail,
    na: row.na,
    unknown: row.unknown,
    stablePass: row.stablePass,
    stableFail: row.stableFail,
    stableNa: row.stableNa,
    stableUnknown: row.stableUnknown,
    latestReportId: row.latestReportId ?? 0,
    updatedAt: row.updatedAt,
  };
}
