import { and, desc, eq, lt, sql } from "drizzle-orm";
import type { Db } from "../client.js";
import { type ReportRow, reportDocuments, reports, testerMachines } from "../schema/index.js";
import { type GradeCountRow, gradeCountColumns } from "./grade-counts.queries.js";

export interface TesterReport {
  report: ReportRow;
  /** The document's arrival order: the page's cursor. */
  seq: number;
}

/**
 * One page of the reports a registered tester submitted, newest arrival first: a walk of
 * report_documents_tester_idx (tester_id, seq) backwards, each entry joined to its report row by
 * GUID. Documents not counted (waiting, failed, Perl 6) have no row and are skipped. `limit + 1`
 * rows when more exist.
 */
export function testerReportPage(
  db: Db,
  testerId: string,
  page: { afterSeq?: number; limit: number },
): Promise<TesterReport[]> {
  const d = reportDocuments;
  const conditions = [eq(d.testerId, testerId)];
  if (page.afterSeq !== undefined) conditions.push(lt(d.seq, page.afterSeq));
  return db
    .select({ report: reports, seq: d.seq })
    .from(d)
    .innerJoin(reports, eq(reports.guid, d.id))
    .where(and(...conditions))
    .orderBy(desc(d.seq))
    .limit(page.limit + 1);
}

export interface MachineRow extends GradeCountRow {
  osname: string;
  perl: string;
  platform: string;
}

/**
 * A tester's machines (OS, perl, archname) with their reports by grade, most reports first, from
 * the rollup the ETL keeps: a tester with a million reports costs as much as one with ten.
 */
export function machinesOfTester(db: Db, testerId: string, limit: number): Promise<MachineRow[]> {
  const t = testerMachines;
  const total = sql`sum(${t.reports})`;
  return db
    .select({ osname: t.osname, perl: t.perl, platform: t.platform, ...gradeCountColumns(t.reports, t.grade) })
    .from(t)
    .where(eq(t.testerId, testerId))
    .groupBy(t.osname, t.perl, t.platform)
    .orderBy(desc(total), t.osname, t.perl, t.platform)
    .limit(limit);
}

/** A tester's reports by grade over every machine, from the same rollup. */
export async function reportCountsOfTester(db: Db, testerId: string): Promise<GradeCountRow> {
  const t = testerMachines;
  const [row] = await db.select(gradeCountColumns(t.reports, t.grade)).from(t).where(eq(t.testerId, testerId));
  return row ?? { pass: 0, fail: 0, na: 0, unknown: 0 };
}
