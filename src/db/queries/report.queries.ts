import { and, asc, desc, eq, getTableColumns, gt, gte, inArray, lt, or, type SQL, sql } from "drizzle-orm";
import type { Grade } from "../../report/report.types.js";
import { asDate, type Db } from "../client.js";
import { reportDocuments, type ReportRow, reports } from "../schema/index.js";
import { preparedSql } from "../prepared.js";
import { exactTime } from "./release.queries.js";

/** A perl series as stored in the parsed columns: 5.36 is { major: 5, minor: 36 }. */
export interface PerlSeries {
  major: number;
  minor: number;
}

/** Which reports a list holds. Every value reaches SQL as a bound parameter. */
export interface ReportFilter {
  dist?: string;
  version?: string;
  grades?: Grade[];
  /** Exact perl versions as reported ("5.36.1", "5.39.2 RC1"). */
  perls?: string[];
  perlSeries?: PerlSeries;
  perlMaturity?: "stable" | "dev";
  osnames?: string[];
  /** Submitted at or after. */
  submittedFrom?: Date;
  /** Submitted before. */
  submittedBefore?: Date;
}

export interface ReportPageRequest {
  /**
   * asc/desc: by sequential id, oldest or newest first. submitted: newest submission first, the
   * order for lists limited to a time range (reports_submitted_at_idx), with the id breaking ties.
   */
  order: "asc" | "desc" | "submitted";
  /** Start after this report of the previous page: its id (and for `submitted`, its exact time). */
  after?: { id: number; submittedAt?: string };
  limit: number;
}

/**
 * A report of a page; on pages ordered by submission time, with that time to the microsecond for
 * their cursors (pages in id order need only the id, and skip formatting it for every row).
 */
export interface PagedReport {
  report: ReportRow;
  submittedAtExact?: string;
}

/** "5.36.1 RC1" → { major: 5, minor: 36 }; undefined for anything that is not a perl 5 version. */
export function perlSeriesOf(version: string): PerlSeries | undefined {
  const match = /^v?(\d+)\.(\d+)/.exec(version);
  return match ? { major: Number(match[1]), minor: Number(match[2]) } : undefined;
}

function filterConditions(filter: ReportFilter): SQL[] {
  const conditions: (SQL | undefined)[] = [];
  if (filter.dist !== undefined) conditions.push(eq(reports.dist, filter.dist));
  if (filter.version !== undefined) conditions.push(eq(reports.version, filter.version));
  if (filter.grades?.length) conditions.push(inArray(reports.grade, filter.grades));
  if (filter.osnames?.length) conditions.push(inArray(reports.osname, filter.osnames));
  if (filter.perlMaturity) conditions.push(eq(reports.perlMaturity, filter.perlMaturity));
  if (filter.perlSeries) {
    conditions.push(eq(reports.perlMajor, filter.perlSeries.major), eq(reports.perlMinor, filter.perlSeries.minor));
  }
  if (filter.perls?.length) {
    // The parsed parts reach reports_perl_idx; the text itself is then checked on those rows only.
    const series = filter.perls.map(perlSeriesOf).filter((parts) => parts !== undefined);
    if (series.length < filter.perls.length) conditions.push(sql`false`);
    conditions.push(
      or(...series.map((parts) => and(eq(reports.perlMajor, parts.major), eq(reports.perlMinor, parts.minor)))),
      inArray(reports.perl, filter.perls),
    );
  }
  if (filter.submittedFrom) conditions.push(gte(reports.submittedAt, filter.submittedFrom));
  if (filter.submittedBefore) conditions.push(lt(reports.submittedAt, filter.submittedBefore));
  return conditions.filter((condition) => condition !== undefined);
}

/** A reports row as the driver returns it: the bigint id and the timestamps may come as text. */
type DriverReportRow = Omit<ReportRow, "id" | "submittedAt" | "receivedAt"> & {
  id: number | string;
  submittedAt: Date | string;
  receivedAt: Date | string;
};

// Raw rows, not drizzle's mapping: a page is up to 101 rows of 18 columns, mapped one column at a time.
const reportColumns = sql.join(
  Object.entries(getTableColumns(reports)).map(([key, column]) => sql`${column} as ${sql.identifier(key)}`),
  sql`, `,
);

/** The first page of the newest reports, what everyone opens: a statement prepared once. */
const newestReports = preparedSql<DriverReportRow>(
  "newest_reports",
  sql`select ${reportColumns} from ${reports} order by ${reports.id} desc limit ${sql.placeholder("limit")}`,
);

function toReportRow(row: DriverReportRow): ReportRow {
  return Object.assign(row, {
    id: Number(row.id),
    submittedAt: asDate(row.submittedAt),
    receivedAt: asDate(row.receivedAt),
  });
}

/**
 * One page of reports in id order. `limit + 1` rows come back when there are more, so the caller
 * can tell whether a next page exists without counting.
 */
export async function reportPage(db: Db, filter: ReportFilter, page: ReportPageRequest): Promise<PagedReport[]> {
  const conditions = filterConditions(filter);
  const after = page.after;
  if (conditions.length === 0 && !after && page.order === "desc") {
    return (await newestReports(db).execute({ limit: page.limit + 1 })).map((row) => ({ report: toReportRow(row) }));
  }
  if (after && page.order === "submitted") {
    const time = after.submittedAt ?? "infinity";
    conditions.push(sql`(${reports.submittedAt}, ${reports.id}) < (${time}::timestamptz, ${after.id})`);
  } else if (after) {
    conditions.push(page.order === "asc" ? gt(reports.id, after.id) : lt(reports.id, after.id));
  }
  if (page.order === "submitted") {
    return db
      .select({ report: reports, submittedAtExact: exactTime(reports.submittedAt) })
      .from(reports)
      .where(and(...conditions))
      .orderBy(desc(reports.submittedAt), desc(reports.id))
      .limit(page.limit + 1);
  }
  const rows = await db
    .select()
    .from(reports)
    .where(and(...conditions))
    .orderBy(page.order === "asc" ? asc(reports.id) : desc(reports.id))
    .limit(page.limit + 1);
  return rows.map((report) => ({ report }));
}

/** Reports by sequential id, in no particular order; unknown ids are absent. */
export function findReportsByIds(db: Db, ids: readonly number[]): Promise<ReportRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .select()
    .from(reports)
    .where(inArray(reports.id, [...ids]));
}

export function findReportsByGuids(db: Db, guids: readonly string[]): Promise<ReportRow[]> {
  if (guids.length === 0) return Promise.resolve([]);
  return db
    .select()
    .from(reports)
    .where(inArray(reports.guid, [...guids]));
}

export interface StoredReportDocument {
  guid: string;
  receivedAt: Date;
  testerId: string | null;
  document: unknown;
}

/** The stored documents of these report GUIDs, in no particular order; unknown ones are absent. */
export function findReportDocuments(db: Db, guids: readonly string[]): Promise<StoredReportDocument[]> {
  if (guids.length === 0) return Promise.resolve([]);
  return db
    .select({
      guid: reportDocuments.id,
      receivedAt: reportDocuments.receivedAt,
      testerId: reportDocuments.testerId,
      document: reportDocuments.document,
    })
    .from(reportDocuments)
    .where(inArray(reportDocuments.id, [...guids]));
}
