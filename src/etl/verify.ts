import { sql } from "drizzle-orm";
import { type Db, queryRows } from "../db/client.js";

export interface Mismatch {
  table: string;
  key: string;
  /** Counts recomputed from the report rows. */
  expected: string;
  /** Counts the table holds. */
  actual: string;
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
  release_matrix_cells: sql`
    with expected as (
      select dist, version, perl_major || '.' || perl_minor as perl_series, osname, grade, count(*)::int as reports
      from reports group by 1, 2, 3, 4, 5)
    select concat_ws(' ', coalesce(e.dist, a.dist), coalesce(e.version, a.version),
        coalesce(e.perl_series, a.perl_series), coalesce(e.osname, a.osname), coalesce(e.grade, a.grade)) as key,
      coalesce(e.reports::text, 'none') as expected, coalesce(a.reports::text, 'none') as actual
    from expected e full join release_matrix_cells a using (dist, version, perl_series, osname, grade)
    where e.reports is distinct from a.reports`,
  stats_reports_monthly: sql`
    with expected as (
      select date_trunc('month', submitted_at at time zone 'UTC')::date as month, osname,
        perl_major || '.' || perl_minor as perl_series, grade, count(*)::int as reports
      from reports group by 1, 2, 3, 4)
    select concat_ws(' ', coalesce(e.month, a.month), coalesce(e.osname, a.osname),
        coalesce(e.perl_series, a.perl_series), coalesce(e.grade, a.grade)) as key,
      coalesce(e.reports::text, 'none') as expected, coalesce(a.reports::text, 'none') as actual
    from expected e full join stats_reports_monthly a using (month, osname, perl_series, grade)
    where e.reports is distinct from a.reports`,
  stats_reports_monthly_totals: sql`
    with expected as (
      select date_trunc('month', submitted_at at time zone 'UTC')::date as month, grade, count(*)::int as reports
      from reports group by 1, 2)
    select concat_ws(' ', coalesce(e.month, a.month), coalesce(e.grade, a.grade)) as key,
      coalesce(e.reports::text, 'none') as expected, coalesce(a.reports::text, 'none') as actual
    from expected e full join stats_reports_monthly_totals a using (month, grade)
    where e.reports is distinct from a.reports`,
  stats_reports_daily: sql`
    with expected as (
      select (submitted_at at time zone 'UTC')::date as day, osname,
        perl_major || '.' || perl_minor as perl_series, grade, count(*)::int as reports
      from reports group by 1, 2, 3, 4)
    select concat_ws(' ', coalesce(e.day, a.day), coalesce(e.osname, a.osname),
        coalesce(e.perl_series, a.perl_series), coalesce(e.grade, a.grade)) as key,
      coalesce(e.reports::text, 'none') as expected, coalesce(a.reports::text, 'none') as actual
    from expected e full join stats_reports_daily a using (day, osname, perl_series, grade)
    where e.reports is distinct from a.reports`,
  stats_tester_months: sql`
    with expected as (
      select date_trunc('month', submitted_at at time zone 'UTC')::date as month, tester, count(*)::int as reports
      from reports group by 1, 2)
    select concat_ws(' ', coalesce(e.month, a.month), coalesce(e.tester, a.tester)) as key,
      coalesce(e.reports::text, 'none') as expected, coalesce(a.reports::text, 'none') as actual
    from expected e full join stats_tester_months a using (month, tester)
    where e.reports is distinct from a.reports`,
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
