import { and, asc, desc, eq, getTableColumns, gt, gte, inArray, lt, or, type SQL, sql } from "drizzle-orm";
import type { Grade } from "../../report/grade.js";
import { type PerlSeries, perlSeriesOf } from "../../report/perl.js";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { ReportFacts } from "../../report/derive.js";
import { asDate, type Db, queryRows } from "../client.js";
import { reportDocuments, type ReportRow, reports } from "../schema/index.js";
import { preparedSql } from "../prepared.js";
import { type ArrayColumn, unnestRows } from "../unnest.js";
import { exactTime } from "./release.queries.js";

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

/** The WHERE conditions of a report filter, for every list of reports (reports, searches). */
export function filterConditions(filter: ReportFilter): SQL[] {
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
    const series = filter.perls.map(perlSeriesOf).filter((parts) => parts !== null);
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

// Raw rows, not drizzle's mapping: a page is up to 101 rows of 18 columns, mapped one column at a
// time. Measured on the recent-reports read (BENCHMARKS.md): Node CPU per request 1.09 → 0.90 ms,
// 1,025 → 1,257 req/s.
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

/**
 * The registered tester of each of these report GUIDs (null for an anonymous report); unknown
 * ones are absent. Lists ask this for every row, and reading it beside the documents themselves
 * (5 to 15 KB each) made a page of 25 reports fetch a few hundred KB to show 25 names.
 */
export function findReportTesterIds(
  db: Db,
  guids: readonly string[],
): Promise<{ guid: string; testerId: string | null }[]> {
  if (guids.length === 0) return Promise.resolve([]);
  return db
    .select({ guid: reportDocuments.id, testerId: reportDocuments.testerId })
    .from(reportDocuments)
    .where(inArray(reportDocuments.id, [...guids]));
}

/** A derived report ready for its row: counted (Perl 5) facts and when the document arrived. */
export interface ReportToInsert extends ReportFacts {
  receivedAt: Date;
  /** The registered tester who submitted it; null for an anonymous report. Feeds the rollups only. */
  testerId?: string | null;
}

/**
 * Inserts report rows in the given order and returns the ids of those that are new. A GUID that
 * already has a row (a document processed again after a crash or a retry) is skipped, so it is
 * never counted twice. Rows are bound as column arrays (src/db/unnest.ts), by hand: 500 rows on
 * Postgres took 53 ms (5 ms Node CPU) against 187 ms (33 ms Node CPU) through the builder's VALUES
 * (median of 30, 2026-12-07).
 */
export async function insertReports(tx: Db, rows: readonly ReportToInsert[]): Promise<Map<string, number>> {
  if (rows.length === 0) return new Map();
  const r = reports;
  const column = (target: AnyPgColumn, value: (row: ReportToInsert) => unknown): ArrayColumn => [
    target,
    rows.map(value),
  ];
  const inserted = await queryRows<{ id: string | number; guid: string }>(
    tx,
    sql`insert into ${r} ${unnestRows([
      column(r.guid, (row) => row.guid),
      column(r.grade, (row) => row.grade),
      column(r.dist, (row) => row.dist),
      column(r.version, (row) => row.version),
      column(r.tester, (row) => row.tester),
      column(r.perl, (row) => row.perl),
      column(r.perlMajor, (row) => row.perlMajor ?? 0),
      column(r.perlMinor, (row) => row.perlMinor ?? 0),
      column(r.perlPatch, (row) => row.perlPatch ?? 0),
      column(r.perlMaturity, (row) => row.perlMaturity ?? "stable"),
      column(r.perlPatched, (row) => row.perlPatched),
      column(r.platform, (row) => row.platform),
      column(r.osname, (row) => row.osname),
      column(r.osversion, (row) => row.osversion ?? ""),
      column(r.submittedAt, (row) => row.submittedAt.toISOString()),
      column(r.receivedAt, (row) => row.receivedAt.toISOString()),
    ])}
    on conflict (${sql.identifier(r.guid.name)}) do nothing returning ${r.id} as id, ${r.guid} as guid`,
  );
  return new Map(inserted.map((row) => [row.guid, Number(row.id)]));
}
