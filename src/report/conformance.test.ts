import { describe, expect, it } from "vitest";
import { FIXTURE_NAMES, loadFixture } from "../../test/fixtures/index.js";
import { checkConformance, fromStoredForm } from "./conformance.js";
import type { MetabaseFact } from "./metabase.fact.js";
import { parseMetabaseReport } from "./metabase.report.js";

/** Turns one of our submission fixtures into the old Metabase's stored form, keyed by fact class. */
function storedForm(contentAsObject: boolean): Record<string, unknown> {
  const submitted = loadFixture("metabase-submit-linux-pass") as MetabaseFact;
  const children = JSON.parse(submitted.content) as MetabaseFact[];
  return Object.fromEntries(
    children.map((child) => [
      child.metadata.core.type.replace(/-/g, "::"),
      {
        resource: child.metadata.core.resource,
        creator: child.metadata.core.creator,
        content: contentAsObject ? (JSON.parse(child.content) as unknown) : child.content,
        metadata: child.metadata,
      },
    ]),
  );
}

describe("checkConformance", () => {
  it("accepts every fixture of ours and rejects the invalid one", () => {
    const files = FIXTURE_NAMES.map((name) => ({ name: `${name}.json`, json: loadFixture(name) }));
    expect(checkConformance(files)).toEqual([
      {
        name: "v3-perl5-valid.json",
        kind: "v3",
        ok: true,
        detail: "accepted: Data-Lattice 1.205 (stable): pass on perl 5.26.3 (stable), darwin-2level, darwin, counted",
      },
      {
        name: "v3-perl5-invalid-version-v.json",
        kind: "v3",
        ok: true,
        detail:
          'rejected as expected: /environment/language/version: must match pattern "^5\\.\\d+\\.\\d+", got "v5.26.3"',
      },
      {
        name: "v3-perl6-valid.json",
        kind: "v3",
        ok: true,
        detail:
          "accepted: Grammar-Pinwheel 0.3.1 (stable): pass on perl 2018.06 (n/a), x86_64-linux, linux, not counted",
      },
      {
        name: "metabase-submit-linux-pass.json",
        kind: "metabase-submit",
        ok: true,
        detail:
          "accepted: Text-Quillwork 0.42 by MKOWALSKI (stable): pass on perl 5.10.1 (stable), x86_64-linux-thread-multi, linux, counted",
      },
      {
        name: "metabase-submit-openbsd-fail.json",
        kind: "metabase-submit",
        ok: true,
        detail:
          "accepted: Net-Pigeonhole 1.07_02 by HVOSS (dev): fail on perl 5.13.3 (dev), OpenBSD.amd64-openbsd-thread-multi-ld, openbsd, counted",
      },
      {
        name: "metabase-submit-mswin32-na.json",
        kind: "metabase-submit",
        ok: true,
        detail:
          "accepted: Acme-Sprocket-Frobnicate 2.000-TRIAL by FPELLETIER (dev): na on perl 5.12.1 (stable), MSWin32-x86-multi-thread, MSWin32, counted",
      },
      {
        name: "metabase-register.json",
        kind: "metabase-register",
        ok: true,
        detail:
          "accepted: profile 7d3c2a10-6f1e-11df-8b2e-2b7c4f9a1d05: Zoë Testwright (ZTEST) <zoe.testwright@example.com>",
      },
    ]);
  });

  it("rebuilds stored-form samples, with string or object content", () => {
    const files = [
      { name: "metabase-stored-3e8a4b52-7794-11df-a5c3-6d1f2e8b9c40.json", json: storedForm(false) },
      { name: "metabase-stored-objects.json", json: storedForm(true) },
    ];
    const detail =
      "accepted: Text-Quillwork 0.42 by MKOWALSKI (stable): pass on perl 5.10.1 (stable), x86_64-linux-thread-multi, linux, counted";
    expect(checkConformance(files)).toEqual([
      { name: files[0]?.name, kind: "metabase-stored", ok: true, detail },
      { name: files[1]?.name, kind: "metabase-stored", ok: true, detail },
    ]);
  });

  it("fails a sample named invalid that is accepted, and a valid one that is rejected", () => {
    const broken = { ...(loadFixture("v3-perl5-valid") as object), result: { grade: "pass" } };
    expect(
      checkConformance([
        { name: "v3-invalid-but-fine.json", json: loadFixture("v3-perl6-valid") },
        { name: "v3-broken.json", json: broken },
      ]),
    ).toEqual([
      {
        name: "v3-invalid-but-fine.json",
        kind: "v3",
        ok: false,
        detail:
          "accepted but must be rejected: Grammar-Pinwheel 0.3.1 (stable): pass on perl 2018.06 (n/a), x86_64-linux, linux, not counted",
      },
      { name: "v3-broken.json", kind: "v3", ok: false, detail: "rejected: /result/output: is required" },
    ]);
  });

  it("skips files that are no report samples", () => {
    expect(checkConformance([{ name: "api-v3.json", json: { swagger: "2.0" } }])).toEqual([
      { name: "api-v3.json", kind: "skipped", ok: true, detail: "skipped: not a report sample (an object)" },
    ]);
  });
});

describe("fromStoredForm", () => {
  it("takes the report guid from the file name, else the LegacyReport's", () => {
    const named = fromStoredForm(storedForm(false), "metabase-stored-3e8a4b52-7794-11df-a5c3-6d1f2e8b9c40.json");
    const parsed = parseMetabaseReport(named, { email: "x@example.org" });
    expect(parsed.ok && parsed.report.id).toBe("3e8a4b52-7794-11df-a5c3-6d1f2e8b9c40");
    const unnamed = fromStoredForm(storedForm(false), "sample.json");
    expect(typeof unnamed !== "string" && unnamed.metadata.core.guid).toBe("3e8a9c1e-7794-11df-a5c3-6d1f2e8b9c40");
  });

  it("explains samples it cannot rebuild", () => {
    expect(fromStoredForm({ "CPAN::Testers::Fact::LegacyReport": { content: "{}" } }, "x.json")).toBe(
      "stored CPAN::Testers::Fact::LegacyReport has no metadata.core",
    );
    expect(fromStoredForm({ other: 1 }, "x.json")).toBe("no CPAN::Testers::Fact::* facts in the stored sample");
  });
});
