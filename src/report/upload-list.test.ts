import { describe, expect, it } from "vitest";
import { parseReleased, parseUploadLine } from "./upload-list.js";

describe("parseUploadLine", () => {
  it("reads a distribution file and an ISO release time", () => {
    expect(parseUploadLine("RJBS/Sub-Exporter-0.991.tar.gz 2026-11-28T10:00:00Z")).toEqual({
      dist: "Sub-Exporter",
      version: "0.991",
      author: "RJBS",
      filename: "Sub-Exporter-0.991.tar.gz",
      releasedAt: new Date("2026-11-28T10:00:00Z"),
      maturity: "stable",
    });
  });

  it("reads full CPAN paths, epoch seconds, tabs, trial releases and trailing comments", () => {
    expect(parseUploadLine("  authors/id/G/GB/GBARR/Foo-Bar-1.02_01.tar.gz\t1764324000  # a trial")).toEqual({
      dist: "Foo-Bar",
      version: "1.02_01",
      author: "GBARR",
      filename: "Foo-Bar-1.02_01.tar.gz",
      releasedAt: new Date("2025-11-28T10:00:00Z"),
      maturity: "dev",
    });
    expect(parseUploadLine("alice/Baz-2.0-TRIAL.zip 2026-01-02T03:04:05+01:00")).toEqual({
      dist: "Baz",
      version: "2.0-TRIAL",
      author: "ALICE",
      filename: "Baz-2.0-TRIAL.zip",
      releasedAt: new Date("2026-01-02T02:04:05Z"),
      maturity: "dev",
    });
  });

  it("skips blank and comment lines", () => {
    expect([parseUploadLine(""), parseUploadLine("   "), parseUploadLine("# uploads of May")]).toEqual([
      null,
      null,
      null,
    ]);
  });

  it("says what is wrong with a line", () => {
    expect(
      [
        "RJBS/Sub-Exporter-0.991.tar.gz",
        "RJBS/Sub-Exporter-0.991.tar.gz 2026-11-28T10:00:00Z extra",
        "Sub-Exporter-0.991.tar.gz 2026-11-28T10:00:00Z",
        "RJBS/README 2026-11-28T10:00:00Z",
        "RJBS/Sub-Exporter.tar.gz 2026-11-28T10:00:00Z",
        "RJBS/Sub-Exporter-0.991.tar.gz 2026-11-28",
        "RJBS/Sub-Exporter-0.991.tar.gz yesterday",
      ].map(parseUploadLine),
    ).toEqual([
      { error: 'expected "AUTHOR/Dist-Name-1.23.tar.gz <released>", got 1 field' },
      { error: 'expected "AUTHOR/Dist-Name-1.23.tar.gz <released>", got 3 fields' },
      {
        error:
          'expected "AUTHOR/Dist-Name-1.23.tar.gz" or "cpan:///distfile/AUTHOR/Dist-Name-1.23.tar.gz", got "Sub-Exporter-0.991.tar.gz" (no author directory)',
      },
      {
        error:
          'expected "AUTHOR/Dist-Name-1.23.tar.gz" or "cpan:///distfile/AUTHOR/Dist-Name-1.23.tar.gz", got "RJBS/README" (not a .tar.gz, .tgz, .tar.bz2, .tar.xz or .zip file)',
      },
      { error: 'expected a version in the file name, got "RJBS/Sub-Exporter.tar.gz"' },
      {
        error:
          'expected the release time as an ISO 8601 date-time with its zone (2026-11-28T10:00:00Z) or epoch seconds, got "2026-11-28"',
      },
      {
        error:
          'expected the release time as an ISO 8601 date-time with its zone (2026-11-28T10:00:00Z) or epoch seconds, got "yesterday"',
      },
    ]);
  });
});

describe("parseReleased", () => {
  it("refuses impossible dates and times without a zone", () => {
    expect([parseReleased("2026-02-30T00:00:00Z"), parseReleased("2026-11-28T10:00:00")]).toEqual([
      undefined,
      undefined,
    ]);
  });
});
