import { and, eq, inArray, max, notExists, sql } from "drizzle-orm";
import type { Grade } from "../../report/grade.js";
import type { Db } from "../client.js";
import {
  releases,
  type ReportInvalidationRow,
  reportInvalidations,
  type ReportRow,
  reports,
  reportDocuments,
} from "../schema/index.js";
import { type CountedReport, rollUp } from "./rollup.deltas.js";
import { applyRollups, dropEmptyCounts, negated, type ReleaseCounts, type Rollups } from "./rollup.queries.js";

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
  const taken = negated(rollupsOfOne(report, testerId));
  await applyRollups(tx, taken);
  await dropEmptyCounts(tx, taken);
  return refreshLatest(tx, report);
}

/** Removes the mark and counts the report again; the release's new counts, or undefined when it was not marked. */
export async function unmarkInvalid(tx: Db, report: ReportRow): Promise<ReleaseCounts | undefined> {
  const deleted = await tx
    .delete(reportInvalidations)
    .where(eq(reportInvalidations.guid, report.guid))
    .returning({ guid: reportInvalidations.guid });
  if (deleted.length === 0) return undefined;
  const [release] = await applyRollups(tx, rollupsOfOne(report, await testerIdOf(tx, report.guid)));
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

/**
 * What one report adds to each counter: the ETL's own rollup of it. Perl versions and provisional
 * uploads are left out, they were written when it was first counted and stay.
 */
function rollupsOfOne(report: ReportRow, testerId: string | null): Rollups {
  const counted: CountedReport = {
    ...report,
    grade: report.grade as Grade,
    perlSeries: `${report.perlMajor}.${report.perlMinor}`,
    perlMaturity: report.perlMaturity as "stable" | "dev",
    author: null,
    distMaturity: "stable",
    counted: true,
    testerId,
  };
  return { ...rollUp([counted]), perlVersions: [], uploads: [] };
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
