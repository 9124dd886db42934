import { describe, expect, it } from "vitest";
import { loadFixture } from "../../test/fixtures/index.js";
import type { NewReport } from "./report.types.js";
import { validateNewReport } from "./v3.validate.js";

const perl5 = () => loadFixture("v3-perl5-valid") as NewReport;

/** Applies `change` to a fresh copy of the valid Perl 5 fixture and validates it. */
function validateChanged(change: (doc: Record<string, unknown> & NewReport) => void) {
  const doc = perl5() as Record<string, unknown> & NewReport;
  change(doc);
  return validateNewReport(doc);
}

describe("validateNewReport", () => {
  it("accepts the complete Perl 5 fixture and returns it unchanged", () => {
    expect(validateNewReport(loadFixture("v3-perl5-valid"))).toEqual({ ok: true, report: perl5() });
  });

  it("accepts the Perl 6 fixture, whose version follows no Perl 5 pattern", () => {
    expect(validateNewReport(loadFixture("v3-perl6-valid"))).toEqual({
      ok: true,
      report: loadFixture("v3-perl6-valid"),
    });
  });

  it("rejects a Perl 5 version with a leading v, pointing at the field", () => {
    expect(validateNewReport(loadFixture("v3-perl5-invalid-version-v"))).toEqual({
      ok: false,
      errors: [
        { path: "/environment/language/version", message: 'must match pattern "^5\\.\\d+\\.\\d+", got "v5.26.3"' },
      ],
    });
  });

  it("accepts RC and patch suffixes after a Perl 5 version", () => {
    for (const version of ["5.36.0 RC1", "5.10.1 patch 12345", "5.41.3"]) {
      expect(validateChanged((doc) => (doc.environment.language.version = version)).ok).toBe(true);
    }
  });

  it("points a missing required property at the property itself", () => {
    expect(
      validateChanged((doc) => {
        delete (doc.reporter as Partial<NewReport["reporter"]>).email;
        delete (doc.environment.system as Partial<NewReport["environment"]["system"]>).osname;
        delete (doc as Partial<NewReport>).distribution;
      }),
    ).toEqual({
      ok: false,
      errors: [
        { path: "/distribution", message: "is required" },
        { path: "/reporter/email", message: "is required" },
        { path: "/environment/system/osname", message: "is required" },
      ],
    });
  });

  it("says what it expected of the body itself", () => {
    expect(validateNewReport([])).toEqual({
      ok: false,
      errors: [{ path: "", message: "must be object, got an array of 0" }],
    });
    expect(validateNewReport("report")).toEqual({
      ok: false,
      errors: [{ path: "", message: 'must be object, got "report"' }],
    });
  });

  it("lists the grades and language names it accepts", () => {
    expect(
      validateChanged((doc) => {
        (doc.result as { grade: string }).grade = "PASS";
        (doc.environment.language as { name: string }).name = "Raku";
      }),
    ).toEqual({
      ok: false,
      errors: [
        { path: "/environment/language/name", message: 'must be one of "Perl 5", "Perl 6", got "Raku"' },
        { path: "/result/grade", message: 'must be one of "pass", "fail", "na", "unknown", got "PASS"' },
      ],
    });
  });

  it("requires at least one of the five output phases", () => {
    expect(validateChanged((doc) => (doc.result.output = {}))).toEqual({
      ok: false,
      errors: [
        {
          path: "/result/output",
          message:
            'must have at least one of "uncategorized", "configure", "build", "test", "install", got no properties',
        },
      ],
    });
    expect(validateChanged((doc) => (doc.result.output = { stdout: "x" } as NewReport["result"]["output"]))).toEqual({
      ok: false,
      errors: [
        {
          path: "/result/output",
          message:
            'must have at least one of "uncategorized", "configure", "build", "test", "install", got only "stdout"',
        },
      ],
    });
    expect(validateChanged((doc) => (doc.result.output = { uncategorized: "" })).ok).toBe(true);
  });

  it("wants counts to be non-negative integers", () => {
    expect(
      validateChanged((doc) => {
        doc.result.tests = -1;
        doc.result.failures = 1.5;
        doc.result.todo = { pass: 0 } as NewReport["result"]["todo"];
        doc.result.duration = -0.5;
      }),
    ).toEqual({
      ok: false,
      errors: [
        { path: "/result/tests", message: "must be >= 0, got -1" },
        { path: "/result/failures", message: "must be integer, got 1.5" },
        { path: "/result/todo/fail", message: "is required" },
        { path: "/result/duration", message: "must be >= 0, got -0.5" },
      ],
    });
  });

  it("checks every prerequisite and escapes odd keys in paths", () => {
    expect(
      validateChanged((doc) => {
        const prerequisites = doc.distribution.prerequisites ?? [];
        delete (prerequisites[2] as Partial<NonNullable<typeof prerequisites>[number]>).need;
        (doc.environment.system.variables as Record<string, unknown>)["a/b~c"] = 5;
      }),
    ).toEqual({
      ok: false,
      errors: [
        { path: "/environment/system/variables/a~1b~0c", message: "must be string, got 5" },
        { path: "/distribution/prerequisites/2/need", message: "is required" },
      ],
    });
  });

  it("rejects an empty distribution name", () => {
    expect(validateChanged((doc) => (doc.distribution.name = ""))).toEqual({
      ok: false,
      errors: [{ path: "/distribution/name", message: 'must not be empty, got ""' }],
    });
  });

  it("checks id and created only when present", () => {
    expect(
      validateChanged((doc) => {
        doc.id = "a58945f6-3510-11df-89c9-1bb9c3681c0d";
        doc.created = "2010-03-21T17:39:05Z";
      }).ok,
    ).toBe(true);
    expect(
      validateChanged((doc) => {
        doc.id = "not-a-uuid";
        doc.created = "21/03/2010";
      }),
    ).toEqual({
      ok: false,
      errors: [
        { path: "/id", message: 'must be a uuid, got "not-a-uuid"' },
        { path: "/created", message: 'must be a date-time, got "21/03/2010"' },
      ],
    });
  });

  it("checks the shape of Metabase provenance when present", () => {
    expect(validateChanged((doc) => (doc.metabase = { resource: "cpan:///distfile/A/B-1.tar.gz" } as never))).toEqual({
      ok: false,
      errors: [{ path: "/metabase/creator", message: "is required" }],
    });
  });

  it("keeps properties the original schema did not forbid", () => {
    const result = validateChanged((doc) => (doc.x_extra = { anything: true }));
    expect(result).toMatchObject({ ok: true, report: { x_extra: { anything: true } } });
  });
});
