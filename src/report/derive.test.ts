import { describe, expect, it } from "vitest";
import { loadFixture } from "../../test/fixtures/index.js";
import { deriveFacts, deriveReportFacts, displayReporter, reporterName } from "./derive.js";
import { FACT_LENGTH_LIMITS, PERL_PART_MAX } from "./facts.rules.js";
import { parseMetabaseReport } from "./metabase.report.js";
import type { NewReport, ReportDocument } from "./report.types.js";

const stored = (doc: NewReport): ReportDocument => ({
  ...doc,
  id: "9F3B6C2E-1D4A-4E8B-A7C5-2B1D0E9F8A76",
  created: "2018-12-03T10:15:00Z",
});
const metabase = (
  name: "metabase-submit-linux-pass" | "metabase-submit-openbsd-fail" | "metabase-submit-mswin32-na",
) => {
  const parsed = parseMetabaseReport(loadFixture(name), { name: "Zoë Testwright", email: "zoe@example.com" });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.report;
};

describe("deriveReportFacts", () => {
  it("derives the row of a v3 Perl 5 report, without an author", () => {
    expect(deriveReportFacts(stored(loadFixture("v3-perl5-valid") as NewReport))).toEqual({
      guid: "9f3b6c2e-1d4a-4e8b-a7c5-2b1d0e9f8a76",
      grade: "pass",
      dist: "Data-Lattice",
      version: "1.205",
      author: null,
      distMaturity: "stable",
      tester: "Ines Quarrington <iquarry@example.org>",
      perl: "5.26.3",
      perlMajor: 5,
      perlMinor: 26,
      perlPatch: 3,
      perlSeries: "5.26",
      perlMaturity: "stable",
      perlPatched: false,
      platform: "darwin-2level",
      osname: "darwin",
      osversion: "17.7.0",
      submittedAt: new Date("2018-12-03T10:15:00Z"),
      counted: true,
    });
  });

  it("stores Perl 6 reports uncounted, with the version as sent", () => {
    expect(deriveReportFacts(stored(loadFixture("v3-perl6-valid") as NewReport))).toEqual({
      guid: "9f3b6c2e-1d4a-4e8b-a7c5-2b1d0e9f8a76",
      grade: "pass",
      dist: "Grammar-Pinwheel",
      version: "0.3.1",
      author: null,
      distMaturity: "stable",
      tester: "Quentin Zarnecki <qz@example.net>",
      perl: "2018.06",
      perlMajor: null,
      perlMinor: null,
      perlPatch: null,
      perlSeries: null,
      perlMaturity: null,
      perlPatched: false,
      platform: "x86_64-linux",
      osname: "linux",
      osversion: "4.15.0-29-generic",
      submittedAt: new Date("2018-12-03T10:15:00Z"),
      counted: false,
    });
  });

  it("takes the author from the Metabase resource and flags dev perls and dev releases", () => {
    expect(deriveReportFacts(metabase("metabase-submit-openbsd-fail"))).toEqual({
      guid: "c41f0e2a-9e7b-11df-b8d2-4a3e5c7f1b09",
      grade: "fail",
      dist: "Net-Pigeonhole",
      version: "1.07_02",
      author: "HVOSS",
      distMaturity: "dev",
      tester: "Zoë Testwright <zoe@example.com>",
      perl: "5.13.3",
      perlMajor: 5,
      perlMinor: 13,
      perlPatch: 3,
      perlSeries: "5.13",
      perlMaturity: "dev",
      perlPatched: false,
      platform: "OpenBSD.amd64-openbsd-thread-multi-ld",
      osname: "openbsd",
      osversion: "4.7",
      submittedAt: new Date("2010-08-02T22:41:07Z"),
      counted: true,
    });
  });

  it("treats a -TRIAL upload as dev", () => {
    expect(deriveReportFacts(metabase("metabase-submit-mswin32-na"))).toMatchObject({
      author: "FPELLETIER",
      dist: "Acme-Sprocket-Frobnicate",
      version: "2.000-TRIAL",
      distMaturity: "dev",
      grade: "na",
    });
  });

  it("uses the bare address when the reporter has no name, and marks RC perls patched", () => {
    const doc = stored(loadFixture("v3-perl5-valid") as NewReport);
    doc.reporter = { email: "anon@example.org" };
    doc.environment.language.version = "5.36.0 RC2";
    delete doc.environment.system.osversion;
    expect(deriveReportFacts(doc)).toMatchObject({
      tester: "anon@example.org",
      perl: "5.36.0 RC2",
      perlMaturity: "dev",
      perlPatched: true,
      osversion: null,
      counted: true,
    });
  });

  it("does not count a Perl 5 report whose version cannot be read", () => {
    const doc = stored(loadFixture("v3-perl5-valid") as NewReport);
    doc.environment.language.version = "5.x";
    expect(deriveReportFacts(doc)).toMatchObject({ perl: "5.x", perlMajor: null, counted: false });
  });

  it("refuses a created that is not a date", () => {
    const doc = { ...stored(loadFixture("v3-perl5-valid") as NewReport), created: "soon" };
    expect(() => deriveReportFacts(doc)).toThrow(
      new RangeError('report 9F3B6C2E-1D4A-4E8B-A7C5-2B1D0E9F8A76: created must be an ISO date-time, got "soon"'),
    );
  });
});

describe("deriveFacts: what the database can store", () => {
  const doc = (change: (d: ReportDocument) => void): ReportDocument => {
    const d = structuredClone(stored(loadFixture("v3-perl5-valid") as NewReport));
    change(d);
    return d;
  };

  it("accepts every column at its limit", () => {
    const atLimits = doc((d) => {
      d.distribution.name = "D".repeat(FACT_LENGTH_LIMITS.dist);
      d.distribution.version = "1".repeat(FACT_LENGTH_LIMITS.version);
      d.environment.language.version = `5.${PERL_PART_MAX}.${PERL_PART_MAX}`;
      d.environment.system.osname = "o".repeat(FACT_LENGTH_LIMITS.osname);
      d.created = "1970-01-01T00:00:00Z";
    });
    expect(deriveFacts(atLimits).ok).toBe(true);
  });

  it("refuses one past each limit, pointing at the document's field", () => {
    const past = doc((d) => {
      d.distribution.name = "D".repeat(FACT_LENGTH_LIMITS.dist + 1);
      d.environment.language.version = `5.${PERL_PART_MAX + 1}.${PERL_PART_MAX + 1}`;
      d.environment.language.archname = "a".repeat(FACT_LENGTH_LIMITS.platform + 1);
      d.created = "1969-12-31T23:59:59Z";
    });
    expect(deriveFacts(past)).toEqual({
      ok: false,
      errors: [
        { path: "/distribution/name", message: "must be at most 200 characters long, got 201" },
        { path: "/environment/language/archname", message: "must be at most 255 characters long, got 256" },
        { path: "/environment/language/version", message: "must have a minor version of at most 999, got 1000" },
        { path: "/environment/language/version", message: "must have a patch version of at most 999, got 1000" },
        { path: "/created", message: 'must be a date-time from 1970 to 9999, got "1969-12-31T23:59:59Z"' },
      ],
    });
    expect(() => deriveReportFacts(past)).toThrow(/distribution\/name must be at most 200 characters long, got 201; /);
  });
});

describe("reporterName", () => {
  it("keeps the name of a shown reporter and never its address", () => {
    expect(reporterName(displayReporter({ name: "Zoë Testwright", email: "zoe@example.com" }))).toBe("Zoë Testwright");
    expect(reporterName("  Flo  Flaky   <flo@example.org> ")).toBe("Flo  Flaky");
    expect(reporterName(displayReporter({ email: "zoe@example.com" }))).toBeNull();
    expect(reporterName("<zoe@example.com>")).toBeNull();
  });
});
