import { describe, expect, it } from "vitest";
import { loadFixture, type FixtureName } from "../../test/fixtures/index.js";
import { buildFact, buildReportFact, type ReportChild } from "./metabase.build.js";
import type { MetabaseFact } from "./metabase.fact.js";
import { parseMetabaseReport } from "./metabase.report.js";
import { validateNewReport } from "./v3.validate.js";

const tester = { name: "Zoë Testwright (ZTEST)", email: "zoe.testwright@example.com" };
const creator = "metabase:user:7d3c2a10-6f1e-11df-8b2e-2b7c4f9a1d05";
const stamp = {
  resource: "cpan:///distfile/MKOWALSKI/Text-Quillwork-0.42.tar.gz",
  creator,
  creationTime: "2010-06-14T09:12:44Z",
};
const guid = "3e8a4b52-7794-11df-a5c3-6d1f2e8b9c40";
const legacy = {
  grade: "pass",
  osname: "linux",
  osversion: "2.6.32-24-generic",
  archname: "x86_64-linux-thread-multi",
  perl_version: "5.10.1",
  textreport: "Dear Marta Kowalski,\n\nResult: PASS\n",
};
const { textreport: _text, ...summary } = legacy;
const child = (type: string, content: Record<string, unknown>, n: number): ReportChild => ({
  type: `CPAN-Testers-Fact-${type}`,
  guid: `3e8a9c1e-7794-11df-a5c3-6d1f2e8b9c4${n}`,
  content,
});
const fact = (children: ReportChild[], overrides: Partial<typeof stamp> = {}) =>
  buildReportFact(guid, { ...stamp, ...overrides }, children);
const both = (l: Record<string, unknown> = legacy, s: Record<string, unknown> = summary) => [
  child("LegacyReport", l, 0),
  child("TestSummary", s, 1),
];

/** The LegacyReport content of a fixture, decoded by hand so the expectation does not reuse the parser. */
function legacyOf(name: FixtureName): Record<string, string> {
  const submitted = loadFixture(name) as MetabaseFact;
  const children = JSON.parse(submitted.content) as MetabaseFact[];
  return JSON.parse(children[0]?.content ?? "{}") as Record<string, string>;
}

describe("parseMetabaseReport on the submission fixtures", () => {
  it("maps a CPANPLUS linux PASS onto the v3 document", () => {
    expect(parseMetabaseReport(loadFixture("metabase-submit-linux-pass"), tester)).toEqual({
      ok: true,
      report: {
        id: "3e8a4b52-7794-11df-a5c3-6d1f2e8b9c40",
        created: "2010-06-14T09:12:44.000Z",
        reporter: { name: "Zoë Testwright (ZTEST)", email: "zoe.testwright@example.com" },
        environment: {
          language: { name: "Perl 5", version: "5.10.1", archname: "x86_64-linux-thread-multi" },
          system: { osname: "linux", osversion: "2.6.32-24-generic" },
        },
        distribution: { name: "Text-Quillwork", version: "0.42" },
        result: { grade: "pass", output: { uncategorized: legacyOf("metabase-submit-linux-pass").textreport } },
        metabase: { resource: "cpan:///distfile/MKOWALSKI/Text-Quillwork-0.42.tar.gz", creator },
      },
    });
  });

  it("lowercases guid and grade, drops the v of the perl and keeps odd archnames", () => {
    expect(parseMetabaseReport(loadFixture("metabase-submit-openbsd-fail"), tester)).toEqual({
      ok: true,
      report: {
        id: "c41f0e2a-9e7b-11df-b8d2-4a3e5c7f1b09",
        created: "2010-08-02T22:41:07.000Z",
        reporter: tester,
        environment: {
          language: { name: "Perl 5", version: "5.13.3", archname: "OpenBSD.amd64-openbsd-thread-multi-ld" },
          system: { osname: "openbsd", osversion: "4.7" },
        },
        distribution: { name: "Net-Pigeonhole", version: "1.07_02" },
        result: { grade: "fail", output: { uncategorized: legacyOf("metabase-submit-openbsd-fail").textreport } },
        metabase: { resource: "cpan:///distfile/HVOSS/Net-Pigeonhole-1.07_02.tar.gz", creator },
      },
    });
  });

  it("keeps -TRIAL in the version and repairs a mis-decoded text report", () => {
    const text = legacyOf("metabase-submit-mswin32-na").textreport ?? "";
    expect(text).toContain("Dear FranÃ§ois Pelletier,");
    expect(parseMetabaseReport(loadFixture("metabase-submit-mswin32-na"), { email: "smoke@example.org" })).toEqual({
      ok: true,
      report: {
        id: "0b9d6e74-a3c5-11df-9f18-73c0e4d2a6b1",
        created: "2010-08-09T14:03:29.000Z",
        reporter: { email: "smoke@example.org" },
        environment: {
          language: { name: "Perl 5", version: "5.12.1", archname: "MSWin32-x86-multi-thread" },
          system: { osname: "MSWin32", osversion: "5.1" },
        },
        distribution: { name: "Acme-Sprocket-Frobnicate", version: "2.000-TRIAL" },
        result: { grade: "na", output: { uncategorized: text.replace("FranÃ§ois", "François") } },
        metabase: { resource: "cpan:///distfile/FPELLETIER/Acme-Sprocket-Frobnicate-2.000-TRIAL.tar.gz", creator },
      },
    });
  });

  it.each(["metabase-submit-linux-pass", "metabase-submit-openbsd-fail", "metabase-submit-mswin32-na"] as const)(
    "produces a document that passes v3 validation: %s",
    (name) => {
      const parsed = parseMetabaseReport(loadFixture(name), tester);
      expect(parsed.ok && validateNewReport(parsed.report)).toMatchObject({ ok: true });
    },
  );
});

describe("parseMetabaseReport tolerance", () => {
  it("cleans the reporter's name and leaves out an empty one", () => {
    const parse = (name: string) => parseMetabaseReport(fact(both()), { name, email: "j@example.org" });
    expect(parse("J&ouml;rg &amp; Co").ok && parse("J&ouml;rg &amp; Co")).toMatchObject({
      report: { reporter: { name: "Jörg & Co", email: "j@example.org" } },
    });
    expect(parse("JÃ¶rg").ok && parse("JÃ¶rg")).toMatchObject({ report: { reporter: { name: "Jörg" } } });
    const unnamed = parse("  ");
    expect(unnamed.ok && unnamed.report.reporter).toEqual({ email: "j@example.org" });
  });

  it("falls back to the TestSummary, field by field", () => {
    const { osname: _osname, ...legacyWithoutOs } = legacy;
    const parsed = parseMetabaseReport(fact(both(legacyWithoutOs, { ...summary, osname: "gnukfreebsd" })), tester);
    expect(parsed.ok && parsed.report.environment.system).toEqual({
      osname: "gnukfreebsd",
      osversion: "2.6.32-24-generic",
    });
  });

  it("accepts a TestSummary alone, with an empty text", () => {
    const parsed = parseMetabaseReport(fact([child("TestSummary", { ...summary, grade: "Unknown" }, 1)]), tester);
    expect(parsed.ok && parsed.report.result).toEqual({ grade: "unknown", output: { uncategorized: "" } });
  });

  it("decodes one level of encoding more than the protocol asks", () => {
    const normal = fact(both());
    const extra: MetabaseFact = { ...normal, content: JSON.stringify(normal.content) };
    expect(parseMetabaseReport(extra, tester)).toEqual(parseMetabaseReport(normal, tester));
  });

  it("accepts the stored type spelling and ignores child facts it does not use", () => {
    const children = [
      { type: "CPAN::Testers::Fact::PerlConfig", guid: "3e8a9c1e-7794-11df-a5c3-6d1f2e8b9c49", content: { x: 1 } },
      { ...child("LegacyReport", legacy, 0), type: "CPAN::Testers::Fact::LegacyReport" },
    ];
    expect(parseMetabaseReport(fact(children), tester)).toEqual(parseMetabaseReport(fact(both()), tester));
  });

  it("takes an old numeric perl, a numeric osversion and a space-separated creation time", () => {
    const parsed = parseMetabaseReport(
      fact(both({ ...legacy, perl_version: "5.008008", osversion: 10.5 }), { creationTime: "2010-06-14 09:12:44" }),
      tester,
    );
    expect(parsed.ok && [parsed.report.environment, parsed.report.created]).toEqual([
      {
        language: { name: "Perl 5", version: "5.8.8", archname: "x86_64-linux-thread-multi" },
        system: { osname: "linux", osversion: "10.5" },
      },
      "2010-06-14T09:12:44.000Z",
    ]);
  });
});

describe("parseMetabaseReport errors", () => {
  const reportFact = fact(both());

  it("rejects what is not a fact", () => {
    expect(parseMetabaseReport("hello", tester)).toEqual({
      ok: false,
      errors: [
        { path: "", message: 'must be a Metabase fact {"content": ..., "metadata": {"core": ...}}, got "hello"' },
      ],
    });
    expect(parseMetabaseReport({ content: "[]" }, tester)).toEqual({
      ok: false,
      errors: [{ path: "/metadata/core", message: "must be an object with guid, type and resource, got nothing" }],
    });
  });

  it("rejects a fact of the wrong type, with a bad guid and content that is not a string", () => {
    const profile = buildFact("Metabase-User-Profile", "not-a-guid", "[]", stamp);
    expect(parseMetabaseReport({ ...profile, content: [] }, tester)).toEqual({
      ok: false,
      errors: [
        { path: "/metadata/core/type", message: 'must be "CPAN-Testers-Report", got "Metabase-User-Profile"' },
        { path: "/metadata/core/guid", message: 'must be a uuid, got "not-a-guid"' },
        { path: "/content", message: "must be a string (the fact's serialised content), got an array of 0" },
      ],
    });
  });

  it("rejects content that is not JSON, or not an array", () => {
    expect(parseMetabaseReport({ ...reportFact, content: "{not json" }, tester)).toEqual({
      ok: false,
      errors: [
        { path: "/content", message: expect.stringMatching(/^must be JSON text, got "\{not json" \(.+\)$/) as string },
      ],
    });
    expect(parseMetabaseReport({ ...reportFact, content: '{"grade":"pass"}' }, tester)).toEqual({
      ok: false,
      errors: [{ path: "/content", message: "must encode a JSON array of facts, got an object" }],
    });
  });

  it("points into the child fact that is broken", () => {
    const children = JSON.parse(reportFact.content) as MetabaseFact[];
    const broken = [
      { ...children[0], content: "grade: pass" },
      { ...children[1], content: { grade: "pass" } },
    ];
    expect(parseMetabaseReport({ ...reportFact, content: JSON.stringify(broken) }, tester)).toEqual({
      ok: false,
      errors: [
        {
          path: "/content/0/content",
          message: expect.stringMatching(/^must be JSON text, got "grade: pass" \(/) as string,
        },
        { path: "/content/1/content", message: "must be a string (the fact's serialised content), got an object" },
      ],
    });
    const scalar = [{ ...children[0], content: "42" }];
    expect(parseMetabaseReport({ ...reportFact, content: JSON.stringify(scalar) }, tester)).toEqual({
      ok: false,
      errors: [
        {
          path: "/content/0/content",
          message: "must encode a JSON object with grade, osname, archname and perl_version, got 42",
        },
      ],
    });
  });

  it("needs a LegacyReport or a TestSummary", () => {
    const other = { type: "CPAN-Testers-Fact-PerlConfig", guid: "3e8a9c1e-7794-11df-a5c3-6d1f2e8b9c49", content: {} };
    expect(parseMetabaseReport(fact([other]), tester)).toEqual({
      ok: false,
      errors: [
        {
          path: "/content",
          message:
            'must contain a CPAN-Testers-Fact-LegacyReport or CPAN-Testers-Fact-TestSummary fact, got only "CPAN-Testers-Fact-PerlConfig"',
        },
      ],
    });
    expect(parseMetabaseReport(fact([]), tester)).toMatchObject({
      errors: [{ path: "/content", message: expect.stringMatching(/, got no facts$/) as string }],
    });
  });

  it("reports every bad field of the child facts at once", () => {
    const bad = { grade: "ok", archname: 64, perl_version: "v6.d", textreport: "x" };
    expect(parseMetabaseReport(fact([child("LegacyReport", bad, 0)]), tester)).toEqual({
      ok: false,
      errors: [
        { path: "/content/0/content/osname", message: "must be a string, got nothing" },
        { path: "/content/0/content/archname", message: "must be a string, got 64" },
        { path: "/content/0/content/grade", message: 'must be one of pass, fail, na, unknown (any case), got "ok"' },
        {
          path: "/content/0/content/perl_version",
          message: 'must be a Perl 5 version like "5.10.1" or "v5.10.1", got "v6.d"',
        },
      ],
    });
  });

  it("rejects an empty dist name and a missing creation time without throwing", () => {
    expect(
      parseMetabaseReport(
        fact(both(), { resource: "cpan:///distfile/MKOWALSKI/-0.42.tar.gz", creationTime: "" }),
        tester,
      ),
    ).toEqual({
      ok: false,
      errors: [
        {
          path: "/metadata/core/resource",
          message:
            'expected "AUTHOR/Dist-Name-1.23.tar.gz" or "cpan:///distfile/AUTHOR/Dist-Name-1.23.tar.gz", got "cpan:///distfile/MKOWALSKI/-0.42.tar.gz" (empty distribution name)',
        },
        { path: "/metadata/core/creation_time", message: 'must be a date-time like "2010-03-21T17:39:05Z", got ""' },
      ],
    });
  });
});
