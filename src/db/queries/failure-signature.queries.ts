import { and, asc, countDistinct, desc, eq, getTableColumns, gte, inArray, lt, sql } from "drizzle-orm";
import type { Db } from "../client.js";
import { failureSignatures, reportFailures, reports, type ReportRow } from "../schema/index.js";

/*
 * Reads of failure signatures (written by insertReportAnalysis, analysis.queries.ts): a release's
 * failures grouped, a report's failures, the signatures spreading now, and a signature's reports.
 */

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
