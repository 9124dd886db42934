import { describe, expect, it } from "vitest";
import { deriveReportFacts, parseMetabaseReport } from "../../src/report/index.js";
import { OS_WEIGHTS } from "./environment.js";
import { metabaseSubmission } from "./metabase.generate.js";
import { createReportGenerator, GRADE_WEIGHTS, type GeneratedReport } from "./report.generate.js";
import { MAX_TEXT_SIZE, MIN_TEXT_SIZE } from "./text-report.js";

const SAMPLE = 10_000;
const generator = createReportGenerator(20_240_601, 100_000);
const reports: GeneratedReport[] = Array.from({ length: SAMPLE }, (_, index) => generator.reportAt(index));

const share = <T>(items: T[], predicate: (item: T) => boolean) => items.filter(predicate).length / items.length;

describe("the report generator", () => {
  it("makes the same reports for the same seed, in any order, and other reports for another seed", () => {
    const again = createReportGenerator(20_240_601, 100_000);
    expect(again.reportAt(9_999)).toEqual(reports[9_999]);
    expect(again.reportAt(0)).toEqual(reports[0]);
    expect(createReportGenerator(1, 100_000).reportAt(0).document.id).not.toBe(reports[0]?.document.id);
  });

  it("gives every report a distinct uuid", () => {
    expect(new Set(reports.map((report) => report.document.id)).size).toBe(SAMPLE);
  });

  it("mixes grades about 85% pass, 8% fail, 4% na and 3% unknown", () => {
    for (const [grade, weight] of Object.entries(GRADE_WEIGHTS)) {
      expect(Math.abs(share(reports, (r) => r.document.result.grade === grade) - weight / 100)).toBeLessThan(0.015);
    }
  });

  it("spreads reports over the OS mix, Linux first and every listed OS present", () => {
    const total = Object.values(OS_WEIGHTS).reduce((sum, weight) => sum + weight, 0);
    for (const [osname, weight] of Object.entries(OS_WEIGHTS)) {
      const seen = share(reports, (r) => r.document.environment.system.osname === osname);
      expect(seen).toBeGreaterThan(0);
      expect(Math.abs(seen - weight / total)).toBeLessThan(0.015);
    }
  });

  it("runs on perls from 5.8 to 5.42, with development perls and release candidates", () => {
    const facts = reports.map((report) => deriveReportFacts(report.document));
    const series = new Set(facts.map((fact) => fact.perlSeries));
    for (let minor = 8; minor <= 42; minor += 2) expect(series).toContain(`5.${minor}`);
    expect(series).toContain("5.41");
    const rc = share(facts, (fact) => / RC\d$/.test(fact.perl));
    const dev = share(facts, (fact) => fact.perlMaturity === "dev");
    expect(rc).toBeGreaterThan(0.01);
    expect(rc).toBeLessThan(0.03);
    expect(dev).toBeGreaterThan(0.08);
    expect(dev).toBeLessThan(0.12);
    expect(facts.every((fact) => fact.counted)).toBe(true);
  });

  it("gives a few releases many reports and most releases a handful (a long tail)", () => {
    const perRelease = new Map<string, number>();
    for (const { release } of reports) {
      const key = `${release.dist} ${release.version}`;
      perRelease.set(key, (perRelease.get(key) ?? 0) + 1);
    }
    const counts = [...perRelease.values()].sort((a, b) => b - a);
    const median = counts[Math.floor(counts.length / 2)] as number;
    expect(counts[0]).toBeGreaterThan(50 * median);
    expect(median).toBeLessThanOrEqual(3);
    // The top 1% of releases carry far more than 1% of the reports.
    const top = counts.slice(0, Math.ceil(counts.length / 100)).reduce((sum, n) => sum + n, 0);
    expect(top / SAMPLE).toBeGreaterThan(0.15);
  });

  it("writes text reports of 5 to 15 KB shaped like the real ones", () => {
    for (const { document } of reports) {
      const text = document.result.output.uncategorized ?? "";
      expect(text.length).toBeGreaterThanOrEqual(MIN_TEXT_SIZE);
      expect(text.length).toBeLessThanOrEqual(MAX_TEXT_SIZE);
    }
    const fail = reports.find((report) => report.document.result.grade === "fail")?.document.result.output;
    expect(fail?.uncategorized).toContain("This distribution has been tested as part of the CPAN Testers");
    expect(fail?.uncategorized).toContain("Summary of my perl5 (revision 5 version");
    expect(fail?.uncategorized).toMatch(/# {3}Failed test/);
  });

  it("reports only on uploaded releases, after their release date", () => {
    const uploads = new Map(generator.uploads().map((upload) => [`${upload.dist} ${upload.version}`, upload]));
    for (const { document, release, receivedAt } of reports.slice(0, 2000)) {
      const upload = uploads.get(`${document.distribution.name} ${document.distribution.version}`);
      expect(upload).toBe(release);
      expect(new Date(document.created).getTime()).toBeGreaterThanOrEqual(release.released.getTime());
      expect(receivedAt.getTime()).toBeGreaterThan(new Date(document.created).getTime());
    }
  });

  it("submits Metabase reports that the Metabase parser turns back into the same document", () => {
    const viaMetabase = reports.filter((report) => report.document.metabase).slice(0, 200);
    expect(viaMetabase.length).toBe(200);
    for (const report of viaMetabase) {
      const parsed = parseMetabaseReport(metabaseSubmission(report), report.document.reporter);
      expect(parsed).toEqual({ ok: true, report: report.document });
    }
  });
});
