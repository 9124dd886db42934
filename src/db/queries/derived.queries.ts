import { eq, getTableName, type SQL, type SQLChunk, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { GRADES } from "../../report/grade.js";
import { STABLE_COUNTER } from "../../report/release-counters.js";
import { type Db, queryRows } from "../client.js";
import {
  failureSignatures,
  perlVersions,
  reportFactors,
  reportFailures,
  reportTexts,
  releaseMatrixCells,
  releases,
  reportDocuments,
  reportInvalidations,
  reports,
  reportsDaily,
  reportsHourly,
  reportsMonthly,
  reportsMonthlyTotals,
  reportsWeekHours,
  testerMachines,
  testerMonths,
  uploads,
} from "../schema/index.js";
import { requeueAllDocuments } from "./document-queue.queries.js";

/*
 * The tables the ETL derives from the stored documents: emptied for a rebuild, recounted for an
 * audit. Both are hand-written: the builder has no TRUNCATE, and a recount is a full outer join
 * of an aggregate with a table.
 */

/**
 * Empties every derived table and marks every document as waiting again, in one transaction, so
 * that processing rebuilds everything from the documents. TRUNCATE locks the tables: workers that
 * run meanwhile wait for the reset to commit rather than count into tables being emptied.
 * Report ids restart at 1, so a rebuild by one worker gives the same ids as before when the
 * documents were first processed in arrival order.
 */
export async function resetDerivedTables(db: Db): Promise<void> {
  const derived = [
    reports,
    releases,
    releaseMatrixCells,
    reportsDaily,
    reportsMonthly,
    reportsMonthlyTotals,
    reportsHourly,
    reportsWeekHours,
    testerMonths,
    testerMachines,
    perlVersions,
    reportFactors,
    reportTexts,
    reportFailures,
    failureSignatures,
  ];
  await db.transaction(async (tx) => {
    await tx.execute(sql`truncate ${sql.join(derived, sql`, `)} restart identity`);
    // Provisional uploads come from reports; real ones (imported or posted) are kept.
    await tx.delete(uploads).where(eq(uploads.provisional, true));
    await requeueAllDocuments(tx);
  });
}

export interface Mismatch {
  table: string;
  key: string;
  /** Counts recomputed from the report rows. */
  expected: string;
  /** Counts the table holds. */
  actual: string;
}

const r = reports;
const PERL_SERIES = sql`${r.perlMajor} || '.' || ${r.perlMinor}`;
const MONTH = sql`date_trunc('month', ${r.submittedAt} at time zone 'UTC')::date`;
const DAY = sql`(${r.submittedAt} at time zone 'UTC')::date`;
const ARRIVAL = sql`(${r.receivedAt} at time zone 'UTC')`;
const d = reportDocuments;
const name = (column: AnyPgColumn) => sql.identifier(column.name);
const list = (items: SQLChunk[]) => sql.join(items, sql`, `);
/** Reports marked invalid count nowhere (invalidation.queries.ts). */
const COUNTED = sql`not exists (select 1 from ${reportInvalidations} where ${reportInvalidations.guid} = ${r.guid}::text)`;

type CounterTable =
  | typeof releaseMatrixCells
  | typeof reportsDaily
  | typeof reportsMonthly
  | typeof reportsMonthlyTotals
  | typeof reportsWeekHours
  | typeof testerMachines
  | typeof testerMonths;

/**
 * The rows of a counter table (`reports` per key) that differ from a recount of the report rows
 * grouped by the same keys, each key given as the table's column and its value in `reports`.
 * `from` replaces the reports table when a key needs a join (it must still name it `reports`).
 */
function recount(
  table: CounterTable,
  keys: [column: AnyPgColumn, value: SQL | AnyPgColumn][],
  from: SQL = sql`${r}`,
): SQL {
  const names = keys.map(([column]) => name(column));
  const expected = sql`select ${list(keys.map(([column, value]) => sql`${value} as ${name(column)}`))},
      count(*)::int as reports
    from ${from} where ${COUNTED} group by ${list(keys.map((_, i) => sql.raw(String(i + 1))))}`;
  const keyOf = list(names.map((key) => sql`coalesce(e.${key}::text, a.${key}::text)`));
  const counted = name(table.reports);
  return sql`
    with expected as (${expected})
    select concat_ws(' ', ${keyOf}) as key,
      coalesce(e.reports::text, 'none') as expected, coalesce(a.${counted}::text, 'none') as actual
    from expected e full join ${table} a using (${list(names)})
    where e.reports is distinct from a.${counted}`;
}

/** A release's counters in a fixed order: the grades over every perl, then over stable perls. */
function releaseCounts(): SQL {
  const grade = (value: string) => sql`${r.grade} = ${sql.raw(`'${value}'`)}`;
  const expected = [
    ...GRADES.map((g) => sql`count(*) filter (where ${grade(g)})`),
    ...GRADES.map((g) => sql`count(*) filter (where ${grade(g)} and ${r.perlMaturity} = 'stable')`),
    sql`max(${r.id})`,
  ];
  const actual = [
    ...GRADES.map((g) => releases[g]),
    ...GRADES.map((g) => releases[STABLE_COUNTER[g]]),
    releases.latestReportId,
  ];
  return sql`
    with expected as (
      select ${r.dist} as dist, ${r.version} as version, concat_ws(',', ${list(expected)}) as counts
      from ${r} where ${COUNTED} group by 1, 2),
    actual as (
      select ${releases.dist} as dist, ${releases.version} as version,
        concat_ws(',', ${list(actual.map((column) => sql`${column}`))}) as counts
      from ${releases}
      -- A release whose every report is marked invalid keeps its row, with nothing counted.
      where ${releases.pass} + ${releases.fail} + ${releases.na} + ${releases.unknown} > 0
        or ${releases.latestReportId} is not null)
    select concat(coalesce(e.dist, a.dist), ' ', coalesce(e.version, a.version)) as key,
      coalesce(e.counts, 'none') as expected, coalesce(a.counts, 'none') as actual
    from expected e full join actual a on a.dist = e.dist and a.version = e.version
    where e.counts is distinct from a.counts`;
}

// Each check computes a table's counts from the report rows and compares them with the table:
// a full outer join, so rows missing on either side show up too. These scan all reports; they
// are an operator's audit (etl --verify) and a test oracle, never part of serving.
const checks: [table: string, query: SQL][] = [
  [getTableName(releases), releaseCounts()],
  [
    getTableName(releaseMatrixCells),
    recount(releaseMatrixCells, [
      [releaseMatrixCells.dist, r.dist],
      [releaseMatrixCells.version, r.version],
      [releaseMatrixCells.perlSeries, PERL_SERIES],
      [releaseMatrixCells.osname, r.osname],
      [releaseMatrixCells.grade, r.grade],
    ]),
  ],
  [
    getTableName(reportsMonthly),
    recount(reportsMonthly, [
      [reportsMonthly.month, MONTH],
      [reportsMonthly.osname, r.osname],
      [reportsMonthly.perlSeries, PERL_SERIES],
      [reportsMonthly.grade, r.grade],
    ]),
  ],
  [
    getTableName(reportsMonthlyTotals),
    recount(reportsMonthlyTotals, [
      [reportsMonthlyTotals.month, MONTH],
      [reportsMonthlyTotals.grade, r.grade],
    ]),
  ],
  [
    getTableName(reportsDaily),
    recount(reportsDaily, [
      [reportsDaily.day, DAY],
      [reportsDaily.osname, r.osname],
      [reportsDaily.perlSeries, PERL_SERIES],
      [reportsDaily.grade, r.grade],
    ]),
  ],
  [
    getTableName(testerMonths),
    recount(testerMonths, [
      [testerMonths.month, MONTH],
      [testerMonths.tester, r.tester],
    ]),
  ],
  [
    getTableName(reportsWeekHours),
    recount(reportsWeekHours, [
      [reportsWeekHours.month, sql`date_trunc('month', ${ARRIVAL})::date`],
      [reportsWeekHours.weekday, sql`extract(isodow from ${ARRIVAL})::smallint`],
      [reportsWeekHours.hour, sql`extract(hour from ${ARRIVAL})::smallint`],
    ]),
  ],
  [
    getTableName(testerMachines),
    recount(
      testerMachines,
      [
        [testerMachines.testerId, d.testerId],
        [testerMachines.osname, r.osname],
        [testerMachines.perl, r.perl],
        [testerMachines.platform, r.platform],
        [testerMachines.grade, r.grade],
      ],
      sql`${r} join ${d} on ${d.id} = ${r.guid} and ${d.testerId} is not null`,
    ),
  ],
];

/**
 * The analysis rows (src/analysis/) that disagree with the report rows, by report id: a factor
 * row for every report with its grade and release, a search text for every non-pass report and
 * for no pass, and no failure without its report.
 */
function analysisRows(): SQL {
  const f = reportFactors;
  const t = reportTexts;
  const shown = (dist: SQL | AnyPgColumn, version: SQL | AnyPgColumn, grade: SQL | AnyPgColumn) =>
    sql`concat_ws(' ', ${dist}, ${version}, ${grade})`;
  return sql`
    select concat('report ', coalesce(r.id, f.${name(f.reportId)})) as key,
      coalesce(${shown(sql`r.dist`, sql`r.version`, sql`r.grade`)}, 'none') as expected,
      coalesce(${shown(sql`f.${name(f.dist)}`, sql`f.${name(f.version)}`, sql`f.${name(f.grade)}`)}, 'none') as actual
    from ${reports} r full join ${f} f on f.${name(f.reportId)} = r.id
    where r.id is null or f.${name(f.reportId)} is null or r.grade <> f.${name(f.grade)}
      or r.dist <> f.${name(f.dist)} or r.version <> f.${name(f.version)}
    union all
    select concat('text of report ', coalesce(r.id, t.${name(t.reportId)})) as key,
      case when r.id is null then 'none' else 'a text' end as expected,
      case when t.${name(t.reportId)} is null then 'none' else 'a text' end as actual
    from (select id from ${reports} where grade <> 'pass') r full join ${t} t on t.${name(t.reportId)} = r.id
    where r.id is null or t.${name(t.reportId)} is null
    union all
    select concat('failures of report ', fl.${name(reportFailures.reportId)}) as key, 'none' as expected,
      'failures' as actual
    from ${reportFailures} fl where not exists (select 1 from ${reports} r where r.id = fl.${name(reportFailures.reportId)})`;
}

checks.push([getTableName(reportFactors), analysisRows()]);

/** Every derived count that disagrees with a recount of the report rows; empty when all agree. */
export async function verifyDerivedCounts(db: Db): Promise<Mismatch[]> {
  const mismatches: Mismatch[] = [];
  for (const [table, query] of checks) {
    const rows = await queryRows<Omit<Mismatch, "table">>(db, query);
    mismatches.push(...rows.map((row) => ({ table, ...row })));
  }
  return mismatches;
}
