import { and, asc, count, countDistinct, desc, eq, getTableColumns, gte, inArray, lt, ne, sql } from "drizzle-orm";
import { type Db, queryRows } from "../client.js";
import {
  failureSignatures,
  reportFactors,
  reportFailures,
  reports,
  reportTexts,
  type ReportRow,
} from "../schema/index.js";
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

export interface FailureGroupRow {
  signature: string;
  kind: string;
  title: string;
  reports: number;
  testFiles: string[];
  perls: string[];
  osnames: string[];
  exampleIds: number[];
}

/** A release's failures grouped by signature, the most frequent first. */
export async function releaseFailureGroups(
  db: Db,
  dist: string,
  version: string,
  limit: number,
): Promise<FailureGroupRow[]> {
  const f = reportFailures;
  const rows = await db
    .select({
      signature: f.signature,
      kind: failureSignatures.kind,
      title: failureSignatures.title,
      reports: countDistinct(f.reportId),
      testFiles: sql<string[]>`array_remove(array_agg(distinct ${f.testFile}), '')`,
      perls: sql<string[]>`array_agg(distinct ${reports.perl})`,
      osnames: sql<string[]>`array_agg(distinct ${reports.osname})`,
      exampleIds: sql<(number | string)[]>`(array_agg(distinct ${f.reportId}))[1:3]`,
    })
    .from(f)
    .innerJoin(failureSignatures, eq(failureSignatures.signature, f.signature))
    .innerJoin(reports, eq(reports.id, f.reportId))
    .where(and(eq(f.dist, dist), eq(f.version, version)))
    .groupBy(f.signature, failureSignatures.kind, failureSignatures.title)
    .orderBy(desc(countDistinct(f.reportId)), asc(f.signature))
    .limit(limit);
  return rows.map((row) => ({ ...row, reports: Number(row.reports), exampleIds: row.exampleIds.map(Number) }));
}

export interface ReportFailureRow {
  reportId: number;
  signature: string;
  kind: string;
  title: string;
  testFile: string;
  /** Other reports with the same signature, anywhere. */
  others: number;
}

/** The failures of these reports, each with how many other reports fail the same way. */
export async function failuresOfReports(db: Db, reportIds: readonly number[]): Promise<ReportFailureRow[]> {
  if (reportIds.length === 0) return [];
  const f = reportFailures;
  const others = db
    .select({ n: countDistinct(sql`o.report_id`) })
    .from(sql`${reportFailures} o`)
    .where(sql`o.signature = ${f.signature} and o.report_id <> ${f.reportId}`);
  const rows = await db
    .select({
      reportId: f.reportId,
      signature: f.signature,
      kind: failureSignatures.kind,
      title: failureSignatures.title,
      testFile: f.testFile,
      others: sql<number>`(${others})`,
    })
    .from(f)
    .innerJoin(failureSignatures, eq(failureSignatures.signature, f.signature))
    .where(inArray(f.reportId, [...reportIds]))
    .orderBy(asc(f.reportId), asc(f.testFile), asc(f.signature));
  return rows.map((row) => ({ ...row, reportId: Number(row.reportId), others: Number(row.others) }));
}

export interface SpreadingSignatureRow {
  signature: string;
  kind: string;
  title: string;
  distributions: number;
  reports: number;
}

/** Signatures failing the most distributions among reports submitted since `since`. */
export async function spreadingSignatures(db: Db, since: Date, minDistributions: number, limit: number) {
  const f = reportFailures;
  const rows = await db
    .select({
      signature: f.signature,
      kind: failureSignatures.kind,
      title: failureSignatures.title,
      distributions: countDistinct(f.dist),
      reports: countDistinct(f.reportId),
    })
    .from(f)
    .innerJoin(failureSignatures, eq(failureSignatures.signature, f.signature))
    .where(gte(f.submittedAt, since))
    .groupBy(f.signature, failureSignatures.kind, failureSignatures.title)
    .having(gte(countDistinct(f.dist), minDistributions))
    .orderBy(desc(countDistinct(f.dist)), desc(countDistinct(f.reportId)), asc(f.signature))
    .limit(limit);
  return rows.map((row): SpreadingSignatureRow => ({
    ...row,
    distributions: Number(row.distributions),
    reports: Number(row.reports),
  }));
}

export interface SignatureRow {
  signature: string;
  kind: string;
  title: string;
  firstSeenAt: Date;
  reports: number;
  distributions: number;
}

export async function findSignatures(db: Db, signatures: readonly string[]): Promise<SignatureRow[]> {
  if (signatures.length === 0) return [];
  const wanted = [...signatures];
  const [rows, counts] = await Promise.all([
    db.select().from(failureSignatures).where(inArray(failureSignatures.signature, wanted)),
    db
      .select({
        signature: reportFailures.signature,
        reports: countDistinct(reportFailures.reportId),
        distributions: countDistinct(reportFailures.dist),
      })
      .from(reportFailures)
      .where(inArray(reportFailures.signature, wanted))
      .groupBy(reportFailures.signature),
  ]);
  const bySignature = new Map(counts.map((c) => [c.signature, c]));
  return rows.map((row) => ({
    ...row,
    reports: Number(bySignature.get(row.signature)?.reports ?? 0),
    distributions: Number(bySignature.get(row.signature)?.distributions ?? 0),
  }));
}

/**
 * A page of the reports failing with `signature`, newest first, after the report id `beforeId`.
 * report_failures_signature_idx (signature, report_id) makes it one backward range scan that stops
 * after the page, however common the signature; a report failing this way in several test files
 * has a row for each, so ids are made distinct before the limit.
 */
export async function signatureReportPage(
  db: Db,
  signature: string,
  page: { beforeId?: number; limit: number },
): Promise<ReportRow[]> {
  const f = reportFailures;
  const ids = db
    .selectDistinct({ id: f.reportId })
    .from(f)
    .where(and(eq(f.signature, signature), page.beforeId === undefined ? undefined : lt(f.reportId, page.beforeId)))
    .orderBy(desc(f.reportId))
    .limit(page.limit + 1)
    .as("ids");
  const rows = await db
    .select({ report: getTableColumns(reports) })
    .from(ids)
    .innerJoin(reports, eq(reports.id, ids.id))
    .orderBy(desc(reports.id));
  return rows.map((row) => row.report);
}

// ---- factors, flaky machines

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
