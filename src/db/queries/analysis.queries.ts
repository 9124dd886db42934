import { and, asc, count, countDistinct, desc, eq, getTableColumns, gte, inArray, ne, sql } from "drizzle-orm";
import { type Db, queryRows } from "../client.js";
import {
  failureSignatures,
  releaseMatrixCells,
  releases,
  reportFactors,
  reportFailures,
  reports,
  reportTexts,
  type ReportRow,
} from "../schema/index.js";
import { type ArrayColumn, unnestRows } from "../unnest.js";
import { filterConditions, type ReportFilter } from "./report.queries.js";

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

// ---- search

export interface SearchRequest {
  text: string;
  filter: ReportFilter;
  limit: number;
  after?: { rank: number; id: number };
}

export interface SearchHitRow {
  report: ReportRow;
  rank: number;
  /** The stored text around the first match (the whole text is not sent back). */
  window: string;
}

/** A LIKE pattern matching `text` anywhere, with its wildcards escaped. */
const containing = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Characters kept on each side of the first match for the excerpts. */
export const SEARCH_WINDOW = 400;

/** Matches ranked per search: the newest this many; older matches are not reached. */
export const MAX_RANKED_MATCHES = 200;

/**
 * Reports whose stored output contains `text` (ignoring case), best ranked first. The trigram
 * index finds the candidates for any text of three characters or more and ILIKE keeps exactly
 * those that contain it; the newest MAX_RANKED_MATCHES of them are ranked by ts_rank over the
 * text around their first match (a few hundred characters, not the whole output), the id breaks
 * ties, and the page continues after (rank, id).
 */
export async function searchReportTexts(db: Db, request: SearchRequest): Promise<SearchHitRow[]> {
  const at = sql`strpos(lower(${reportTexts.body}), lower(${request.text}))`;
  const candidates = db
    .select({
      id: reportTexts.reportId,
      window:
        sql<string>`substr(${reportTexts.body}, greatest(1, ${at} - ${SEARCH_WINDOW}), ${2 * SEARCH_WINDOW} + length(${request.text}))`.as(
          "window",
        ),
    })
    .from(reportTexts)
    .innerJoin(reports, eq(reports.id, reportTexts.reportId))
    .where(and(sql`${reportTexts.body} ilike ${containing(request.text)}`, ...filterConditions(request.filter)))
    .orderBy(desc(reportTexts.reportId))
    .limit(MAX_RANKED_MATCHES)
    .as("candidates");
  const rank = sql<number>`ts_rank(to_tsvector('simple', ${candidates.window}), plainto_tsquery('simple', ${request.text}))::float8`;
  const rows = await db
    .select({ report: getTableColumns(reports), rank, window: candidates.window })
    .from(candidates)
    .innerJoin(reports, eq(reports.id, candidates.id))
    .where(
      request.after ? sql`(${rank}, ${reports.id}) < (${request.after.rank}::float8, ${request.after.id})` : undefined,
    )
    .orderBy(desc(rank), desc(reports.id))
    .limit(request.limit + 1);
  return rows.map((row) => ({ ...row, rank: Number(row.rank) }));
}

// ---- signatures

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

// ---- regressions

export interface CellRow {
  dist: string;
  version: string;
  perlSeries: string;
  osname: string;
  pass: number;
  fail: number;
}

/** Pass and fail counts per perl series × OS of these releases. */
export async function releaseCells(db: Db, keys: readonly { dist: string; version: string }[]): Promise<CellRow[]> {
  if (keys.length === 0) return [];
  const c = releaseMatrixCells;
  const rows = await db
    .select({
      dist: c.dist,
      version: c.version,
      perlSeries: c.perlSeries,
      osname: c.osname,
      pass: sql<number>`coalesce(sum(${c.reports}) filter (where ${c.grade} = 'pass'), 0)`,
      fail: sql<number>`coalesce(sum(${c.reports}) filter (where ${c.grade} = 'fail'), 0)`,
    })
    .from(c)
    .where(
      sql`(${c.dist}, ${c.version}) in (${sql.join(
        keys.map((k) => sql`(${k.dist}, ${k.version})`),
        sql`, `,
      )})`,
    )
    .groupBy(c.dist, c.version, c.perlSeries, c.osname);
  return rows.map((row) => ({ ...row, pass: Number(row.pass), fail: Number(row.fail) }));
}

/** Every version of these distributions that has reports. */
export async function versionsOf(db: Db, dists: readonly string[]): Promise<{ dist: string; version: string }[]> {
  if (dists.length === 0) return [];
  return db
    .select({ dist: releases.dist, version: releases.version })
    .from(releases)
    .where(inArray(releases.dist, [...dists]));
}

export interface SeriesBreakRow {
  dist: string;
  version: string;
  stablePass: number;
  devFail: number;
}

/**
 * Releases that pass on the stable series and fail on the development series, in every report
 * of each: what "Blead Breaks CPAN" lists. Read from the matrix cells, one row per series × OS.
 */
export async function seriesBreaks(db: Db, stableSeries: string, devSeries: string): Promise<SeriesBreakRow[]> {
  const c = releaseMatrixCells;
  const sum = (series: string, grade: string) =>
    sql<number>`coalesce(sum(${c.reports}) filter (where ${c.perlSeries} = ${series} and ${c.grade} = ${grade}), 0)`;
  const rows = await db
    .select({
      dist: c.dist,
      version: c.version,
      stablePass: sum(stableSeries, "pass"),
      devFail: sum(devSeries, "fail"),
    })
    .from(c)
    .where(and(inArray(c.perlSeries, [stableSeries, devSeries]), ne(c.grade, "na")))
    .groupBy(c.dist, c.version)
    .having(
      sql`${sum(stableSeries, "pass")} > 0 and ${sum(stableSeries, "fail")} = 0 and ${sum(devSeries, "fail")} > 0 and ${sum(devSeries, "pass")} = 0`,
    )
    .orderBy(asc(c.dist), asc(c.version));
  return rows.map((row) => ({ ...row, stablePass: Number(row.stablePass), devFail: Number(row.devFail) }));
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
