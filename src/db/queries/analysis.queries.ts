import { and, asc, count, desc, eq, inArray, ne, sql } from "drizzle-orm";
import { type Db, queryRows } from "../client.js";
import { failureSignatures, reportFactors, reportFailures, reports, reportTexts } from "../schema/index.js";
import { type ArrayColumn, unnestRows } from "../unnest.js";

/** What the analysis derives from one counted report (src/analysis/), written with its row. */
export interface ReportAnalysisRow {
  reportId: number;
  dist: string;
  version: string;
  grade: string;
  submittedAt: Date;
  /** Encoded factors (src/analysis/factors.ts). */
  factors: readonly string[];
  /** Searchable output; null for a pass. */
  text: string | null;
  /** Its distinct words, which the search index covers; null for a pass. */
  words: string | null;
  failures: readonly { signature: string; kind: string; title: string; testFile: string | null }[];
}

/** Factors are stored as one text, a factor a line: cheaper to bind by column than a text[]. */
const FACTOR_SEPARATOR = "\n";

const bound = <Row>(rows: readonly Row[]) =>
  function column(target: ArrayColumn[0], value: (row: Row) => unknown): ArrayColumn {
    return [target, rows.map(value)];
  };

/**
 * Writes the analysis rows of a batch's new reports inside its transaction. Rows are bound as
 * column arrays like the report rows (insertReports, src/db/queries/report.queries.ts, for the
 * measurement), so a batch costs four statements whatever its size. Signatures are written in
 * key order, so that concurrent workers cannot deadlock on them.
 */
export async function insertReportAnalysis(tx: Db, rows: readonly ReportAnalysisRow[]): Promise<void> {
  if (rows.length === 0) return;
  const factors = bound(rows);
  await tx.execute(
    sql`insert into ${reportFactors} ${unnestRows([
      factors(reportFactors.reportId, (r) => r.reportId),
      factors(reportFactors.dist, (r) => r.dist),
      factors(reportFactors.version, (r) => r.version),
      factors(reportFactors.grade, (r) => r.grade),
      factors(reportFactors.factors, (r) => r.factors.join(FACTOR_SEPARATOR)),
    ])} on conflict do nothing`,
  );
  const texts = rows.filter((r) => r.text !== null);
  if (texts.length > 0) {
    const text = bound(texts);
    await tx.execute(
      sql`insert into ${reportTexts} ${unnestRows([
        text(reportTexts.reportId, (r) => r.reportId),
        text(reportTexts.body, (r) => r.text),
        text(reportTexts.words, (r) => r.words),
      ])} on conflict do nothing`,
    );
  }
  const failures = rows.flatMap((r) => r.failures.map((f) => ({ ...f, report: r })));
  if (failures.length === 0) return;
  const failure = bound(failures);
  await tx.execute(
    sql`insert into ${reportFailures} ${unnestRows([
      failure(reportFailures.reportId, (f) => f.report.reportId),
      failure(reportFailures.signature, (f) => f.signature),
      failure(reportFailures.testFile, (f) => f.testFile ?? ""),
      failure(reportFailures.dist, (f) => f.report.dist),
      failure(reportFailures.version, (f) => f.report.version),
      failure(reportFailures.submittedAt, (f) => f.report.submittedAt.toISOString()),
    ])} on conflict do nothing`,
  );
  const signatures = [...new Map(failures.map((f) => [f.signature, f])).values()].sort((a, b) =>
    a.signature < b.signature ? -1 : 1,
  );
  const signature = bound(signatures);
  await tx.execute(
    sql`insert into ${failureSignatures} ${unnestRows(
      [
        signature(failureSignatures.signature, (s) => s.signature),
        signature(failureSignatures.kind, (s) => s.kind),
        signature(failureSignatures.title, (s) => s.title),
      ],
      [[failureSignatures.firstSeenAt, sql`now()`]],
    )} on conflict do nothing`,
  );
}

export interface FactorRow {
  id: number;
  grade: string;
  factors: string[];
}

/** A release's reports as factors and grades: what the factor ranking reads. */
export async function releaseFactorRows(db: Db, dist: string, version: string): Promise<FactorRow[]> {
  const rows = await db
    .select({ id: reportFactors.reportId, grade: reportFactors.grade, factors: reportFactors.factors })
    .from(reportFactors)
    .where(
      and(
        eq(reportFactors.dist, dist),
        eq(reportFactors.version, version),
        inArray(reportFactors.grade, ["pass", "fail"]),
      ),
    );
  return rows.map((row) => ({ id: Number(row.id), grade: row.grade, factors: row.factors.split(FACTOR_SEPARATOR) }));
}

export interface FlakyMachineRow {
  tester: string;
  platform: string;
  perl: string;
  osname: string;
  osversion: string;
  passes: number;
  fails: number;
  passIds: number[];
  failIds: number[];
}

/** Machines (tester, archname, perl, OS and its version) that both passed and failed this release. */
export async function flakyMachines(db: Db, dist: string, version: string): Promise<FlakyMachineRow[]> {
  const r = reports;
  const passes = sql<number>`count(*) filter (where ${r.grade} = 'pass')`;
  const fails = sql<number>`count(*) filter (where ${r.grade} = 'fail')`;
  const rows = await db
    .select({
      tester: r.tester,
      platform: r.platform,
      perl: r.perl,
      osname: r.osname,
      osversion: r.osversion,
      passes,
      fails,
      passIds: sql<(number | string)[]>`(array_agg(${r.id} order by ${r.id}) filter (where ${r.grade} = 'pass'))[1:3]`,
      failIds: sql<(number | string)[]>`(array_agg(${r.id} order by ${r.id}) filter (where ${r.grade} = 'fail'))[1:3]`,
    })
    .from(r)
    .where(and(eq(r.dist, dist), eq(r.version, version)))
    .groupBy(r.tester, r.platform, r.perl, r.osname, r.osversion)
    .having(sql`${passes} > 0 and ${fails} > 0`)
    .orderBy(desc(fails), asc(r.tester))
    .limit(50);
  return rows.map((row) => ({
    ...row,
    passes: Number(row.passes),
    fails: Number(row.fails),
    passIds: row.passIds.map(Number),
    failIds: row.failIds.map(Number),
  }));
}

/** How many reports each release has in the analysis tables: the audit's recount. */
export async function analysisCounts(db: Db) {
  const [factorRows] = await db.select({ n: count() }).from(reportFactors);
  const [textRows] = await db.select({ n: count() }).from(reportTexts);
  const [reportRows] = await db.select({ n: count() }).from(reports);
  const [nonPass] = await db.select({ n: count() }).from(reports).where(ne(reports.grade, "pass"));
  const orphans = await queryRows<{ n: number | string }>(
    db,
    sql`select count(*) as n from ${reportFailures} f where not exists (select 1 from ${reports} r where r.id = f.report_id)`,
  );
  return {
    factorRows: Number(factorRows?.n ?? 0),
    textRows: Number(textRows?.n ?? 0),
    reports: Number(reportRows?.n ?? 0),
    nonPassReports: Number(nonPass?.n ?? 0),
    orphanFailures: Number(orphans[0]?.n ?? 0),
  };
}
