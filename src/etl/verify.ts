import { type SQL, sql } from "drizzle-orm";
import { type Db, queryRows } from "../db/client.js";

export interface Mismatch {
  table: string;
  key: string;
  /** Counts recomputed from the report rows. */
  expected: string;
  /** Counts the table holds. */
  actual: string;
}

const PERL_SERIES = sql.raw("perl_major || '.' || perl_minor");
const MONTH = sql.raw("date_trunc('month', submitted_at at time zone 'UTC')::date");

/**
 * The rows of a counter table (`reports` per key) that differ from `expected`, a recount keyed by
 * the same columns. Table and column names are this module's constants, never input.
 */
function recount(table: string, keys: string[], expected: SQL): SQL {
  const keyOf = keys.map((key) => `coalesce(e.${key}::text, a.${key}::text)`).join(", ");
  return sql`
    with expected as (${expected})
    select concat_ws(' ', ${sql.raw(keyOf)}) as key,
      coalesce(e.reports::text, 'none') as expected, coalesce(a.reports::text, 'none') as actual
    from expected e full join ${sql.identifier(table)} a using (${sql.raw(keys.join(", "))})
    where e.reports is distinct from a.reports`;
}

// Each check computes a table's counts from the report rows and compares them with the table:
// a full outer join, so rows missing on either side show up too. These scan all reports; they
// are an operator's audit (etl --verify) and a test oracle, never part of serving.
const checks = {
  releases: sql`
    with expected as (
      select dist, version,
        concat_ws(',', count(*) filter (where grade = 'pass'), count(*) filter (where grade = 'fail'),
          count(*) filter (where grade = 'na'), count(*) filter (where grade = 'unknown'),
          count(*) filter (where grade = 'pass' and perl_maturity = 'stable'),
          count(*) filter (where grade = 'fail' and perl_maturity = 'stable'),
          count(*) filter (where grade = 'na' and perl_maturity = 'stable'),
          count(*) filter (where grade = 'unknown' and perl_maturity = 'stable'), max(id)) as counts
      from reports group by dist, version),
    actual as (
      select dist, version, concat_ws(',', pass, fail, na, unknown, stable_pass, stable_fail, stable_na,
        stable_unknown, latest_report_id) as counts
      from releases)
    select concat(coalesce(e.dist, a.dist), ' ', coalesce(e.version, a.version)) as key,
      coalesce(e.counts, 'none') as expected, coalesce(a.counts, 'none') as actual
    from expected e full join actual a on a.dist = e.dist and a.version = e.version
    where e.counts is distinct from a.counts`,
  release_matrix_cells: recount(
    "release_matrix_cells",
    ["dist", "version", "perl_series", "osname", "grade"],
    sql`select dist, version, ${PERL_SERIES} as perl_series, osname, grade, count(*)::int as reports
        from reports group by 1, 2, 3, 4, 5`,
  ),
  stats_reports_monthly: recount(
    "stats_reports_monthly",
    ["month", "osname", "perl_series", "grade"],
    sql`select ${MONTH} as month, osname, ${PERL_SERIES} as perl_series, grade, count(*)::int as reports
        from reports group by 1, 2, 3, 4`,
  ),
  stats_reports_monthly_totals: recount(
    "stats_reports_monthly_totals",
    ["month", "grade"],
    sql`select ${MONTH} as month, grade, count(*)::int as reports from reports group by 1, 2`,
  ),
  stats_reports_daily: recount(
    "stats_reports_daily",
    ["day", "osname", "perl_series", "grade"],
    sql`select (submitted_at at time zone 'UTC')::date as day, osname, ${PERL_SERIES} as perl_series, grade,
          count(*)::int as reports
        from reports group by 1, 2, 3, 4`,
  ),
  stats_tester_months: recount(
    "stats_tester_months",
    ["month", "tester"],
    sql`select ${MONTH} as month, tester, count(*)::int as reports from reports group by 1, 2`,
  ),
};

/** Every derived count that disagrees with a recount of the report rows; empty when all agree. */
export async function verifyDerivedCounts(db: Db): Promise<Mismatch[]> {
  const mismatches: Mismatch[] = [];
  for (const [table, query] of Object.entries(checks)) {
    const rows = await queryRows<Omit<Mismatch, "table">>(db, query);
    mismatches.push(...rows.map((row) => ({ table, ...row })));
  }
  return mismatches;
}
