/**
 * The SQL of the five reads of the Read API, as the bare baseline server runs it. One module on
 * purpose: when the Read API's query functions land, the baseline can call those instead and
 * stay the same SQL as the GraphQL side by construction.
 *
 * Each names its parameters in order; the baseline route takes them from the query string.
 */
export interface ReadQuery {
  params: readonly string[];
  text: string;
}

export const READ_QUERIES = {
  /** One release's counts (the original release_summary row). */
  "release-summary": {
    params: ["dist", "version"],
    text: `select dist, version, pass, fail, na, unknown, stable_pass, stable_fail, stable_na, stable_unknown, updated_at
           from releases where dist = $1 and version = $2`,
  },
  /** One release's matrix: reports by perl series, OS and grade. */
  "release-matrix": {
    params: ["dist", "version"],
    text: `select perl_series, osname, grade, reports from release_matrix_cells
           where dist = $1 and version = $2 order by perl_series, osname, grade`,
  },
  /**
   * The author dashboard: the first 100 of an author's distributions by name, each with its newest
   * upload and that release's counts (the statement behind `author { distributions }`).
   */
  "author-dashboard": {
    params: ["author"],
    text: `with recursive names(dist) as (
             (select dist from uploads where author = $1 order by dist limit 1)
             union all
             select (select u.dist from uploads u where u.author = $1 and u.dist > names.dist order by u.dist limit 1)
             from names where names.dist is not null
           ), page as (select dist from names where dist is not null limit 101)
           select page.dist, u.version, coalesce(r.pass, 0) as pass, coalesce(r.fail, 0) as fail,
                  coalesce(r.na, 0) as na, coalesce(r.unknown, 0) as unknown
           from page
           left join lateral (select * from uploads where dist = page.dist
                              order by released_at desc nulls last, version desc nulls last limit 1) u on true
           left join releases r on r.dist = u.dist and r.version = u.version
           order by page.dist`,
  },
  /** The newest reports, the page everyone sees first. */
  "recent-reports": {
    params: ["limit"],
    text: `select id, guid, grade, dist, version, tester, perl, platform, osname, osversion, submitted_at
           from reports order by id desc limit $1`,
  },
  /** Reports per month by grade over a range of months, both inclusive (from the monthly totals rollup). */
  "monthly-statistics": {
    params: ["from", "to"],
    text: `select to_char(month, 'YYYY-MM-DD') as period,
                  coalesce(sum(reports) filter (where grade = 'pass'), 0)::int as pass,
                  coalesce(sum(reports) filter (where grade = 'fail'), 0)::int as fail,
                  coalesce(sum(reports) filter (where grade = 'na'), 0)::int as na,
                  coalesce(sum(reports) filter (where grade = 'unknown'), 0)::int as unknown
           from stats_reports_monthly_totals where month >= $1 and month <= $2 group by month order by month`,
  },
} as const satisfies Record<string, ReadQuery>;

export type ReadName = keyof typeof READ_QUERIES;
