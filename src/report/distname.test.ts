import { describe, expect, it } from "vitest";
import { distMaturity, parseDistfile } from "./distname.js";

describe("parseDistfile", () => {
  it("parses the short AUTHOR/file form", () => {
    expect(parseDistfile("RJBS/Sub-Exporter-ForMethods-0.100050.tar.gz")).toEqual({
      ok: true,
      author: "RJBS",
      dist: "Sub-Exporter-ForMethods",
      version: "0.100050",
      maturity: "stable",
      filename: "Sub-Exporter-ForMethods-0.100050.tar.gz",
      distvname: "Sub-Exporter-ForMethods-0.100050",
      extension: "tar.gz",
    });
  });

  it("parses the Metabase resource form", () => {
    expect(parseDistfile("cpan:///distfile/ADAMK/Text-Diff-1.37.tar.gz")).toEqual({
      ok: true,
      author: "ADAMK",
      dist: "Text-Diff",
      version: "1.37",
      maturity: "stable",
      filename: "Text-Diff-1.37.tar.gz",
      distvname: "Text-Diff-1.37",
      extension: "tar.gz",
    });
  });

  it("parses full CPAN paths and keeps author subdirectories in the filename", () => {
    expect(parseDistfile("authors/id/G/GB/GBARR/CPAN-DistnameInfo-0.02.tar.gz")).toMatchObject({
      ok: true,
      author: "GBARR",
      dist: "CPAN-DistnameInfo",
      filename: "CPAN-DistnameInfo-0.02.tar.gz",
    });
    expect(parseDistfile("Q/QU/QUUX//old/Widget-Frob-2.01.zip")).toEqual({
      ok: true,
      author: "QUUX",
      dist: "Widget-Frob",
      version: "2.01",
      maturity: "stable",
      filename: "old/Widget-Frob-2.01.zip",
      distvname: "Widget-Frob-2.01",
      extension: "zip",
    });
  });

  // Expected values checked against CPAN::DistnameInfo 0.12 itself.
  it.each([
    ["Foo-Bar-v1.2.3.tar.gz", "Foo-Bar", "v1.2.3", "stable"],
    ["Foo-Bar-1.23_01.tar.gz", "Foo-Bar", "1.23_01", "dev"],
    ["Foo-Bar-v1.2.3_4.tgz", "Foo-Bar", "v1.2.3_4", "dev"],
    ["Foo-Bar-1.23-TRIAL.tar.gz", "Foo-Bar", "1.23-TRIAL", "dev"],
    ["Foo-Bar-1.23-TRIAL2.tar.bz2", "Foo-Bar", "1.23-TRIAL2", "dev"],
    ["Foo-Bar-1.23.tar.xz", "Foo-Bar", "1.23", "stable"],
    ["Foo-Bar-1.23.tar.Z", "Foo-Bar", "1.23", "stable"],
    ["Foo-Bar-1.23.tar", "Foo-Bar", "1.23", "stable"],
    ["CGI.pm-3.49.tar.gz", "CGI", "3.49", "stable"],
    ["libwww-perl-5.837.tar.gz", "libwww-perl", "5.837", "stable"],
    ["Unicode-Collate-Standard-V3_1_1-0.1.tar.gz", "Unicode-Collate-Standard-V3_1_1", "0.1", "stable"],
    ["Task-Deprecations5_14-1.00.tar.gz", "Task-Deprecations5_14", "1.00", "stable"],
    ["libao-perl_0.03-1.tar.gz", "libao-perl", "0.03-1", "stable"],
    ["Foo-Bar-2a.tar.gz", "Foo-Bar", "2a", "stable"],
    ["Foo-Bar-1.0-withoutworldwriteables.tar.gz", "Foo-Bar", "1.0", "stable"],
    ["Foo-Barv1.0.tar.gz", "Foo-Barv", "1.0", "stable"],
    ["Foo-Bar-0.01-rc1.tar.gz", "Foo-Bar", "0.01-rc1", "stable"],
    ["perl-5.41.3.tar.gz", "perl", "5.41.3", "dev"],
    ["perl-5.36.0.tar.gz", "perl", "5.36.0", "stable"],
    ["perl-5.36.0-RC1.tar.gz", "perl", "5.36.0-RC1", "dev"],
    ["perl5.004_04.tar.gz", "perl", "5.004_04", "stable"],
  ])("%s → %s %s (%s)", (file, dist, version, maturity) => {
    expect(parseDistfile(`AUTHOR/${file}`)).toMatchObject({ ok: true, dist, version, maturity });
  });

  it("returns an empty version, not a failure, for files without one", () => {
    expect(parseDistfile("AUTHOR/Foo-Bar.tar.gz")).toEqual({
      ok: true,
      author: "AUTHOR",
      dist: "Foo-Bar",
      version: "",
      maturity: "stable",
      filename: "Foo-Bar.tar.gz",
      distvname: "Foo-Bar",
      extension: "tar.gz",
    });
    expect(parseDistfile("AUTHOR/Foo-Bar-undef.tar.gz")).toMatchObject({ dist: "Foo-Bar", version: "" });
  });

  it.each(["cpan:///distfile/AUTHOR/-1.23.tar.gz", "AUTHOR/1.23.tar.gz", "AUTHOR/_.tar.gz", "AUTHOR/--.zip"])(
    "rejects %s as having an empty dist name",
    (input) => {
      expect(parseDistfile(input)).toEqual({
        ok: false,
        reason: "empty-dist",
        message: `expected "AUTHOR/Dist-Name-1.23.tar.gz" or "cpan:///distfile/AUTHOR/Dist-Name-1.23.tar.gz", got ${JSON.stringify(input)} (empty distribution name)`,
      });
    },
  );

  it("rejects a file without an author directory", () => {
    expect(parseDistfile("Foo-Bar-1.23.tar.gz")).toEqual({
      ok: false,
      reason: "no-author",
      message:
        'expected "AUTHOR/Dist-Name-1.23.tar.gz" or "cpan:///distfile/AUTHOR/Dist-Name-1.23.tar.gz", got "Foo-Bar-1.23.tar.gz" (no author directory)',
    });
    expect(parseDistfile("")).toMatchObject({ ok: false, reason: "no-author" });
    expect(parseDistfile("cpan:///distfile//Foo-1.0.tar.gz")).toMatchObject({ ok: false, reason: "no-author" });
  });

  it("rejects files that are not archives", () => {
    expect(parseDistfile("AUTHOR/Foo-Bar-1.23.rar")).toEqual({
      ok: false,
      reason: "not-an-archive",
      message:
        'expected "AUTHOR/Dist-Name-1.23.tar.gz" or "cpan:///distfile/AUTHOR/Dist-Name-1.23.tar.gz", got "AUTHOR/Foo-Bar-1.23.rar" (not a .tar.gz, .tgz, .tar.bz2, .tar.xz or .zip file)',
    });
    expect(parseDistfile("AUTHOR/.tar.gz")).toMatchObject({ ok: false, reason: "not-an-archive" });
    expect(parseDistfile("AUTHOR/Foo-1.0.tar.gz/")).toMatchObject({ ok: false, reason: "not-an-archive" });
  });

  it("stays fast on names that make the original regex backtrack exponentially", () => {
    // CPU time, not wall time: other processes on a busy machine must not fail this test.
    const started = process.cpuUsage();
    expect(parseDistfile(`AUTHOR/${"1".repeat(40)}.tar.gz`)).toMatchObject({ ok: false, reason: "empty-dist" });
    expect(parseDistfile(`AUTHOR/Foo-${"1".repeat(5000)}.tar.gz`)).toMatchObject({ ok: true, dist: "Foo" });
    const { user, system } = process.cpuUsage(started);
    expect((user + system) / 1_000).toBeLessThan(500);
  });
});

describe("distMaturity", () => {
  it.each([
    ["1.23", undefined, "stable"],
    ["1.23_01", undefined, "dev"],
    ["v1.2.3_1", undefined, "dev"],
    ["1.23-TRIAL", undefined, "dev"],
    ["1.23-TRIAL3", undefined, "dev"],
    ["1.23", "Foo-1.23-TRIAL.tar.gz", "dev"],
    ["1.23", "Foo-1.23-TRIAL", "dev"],
    ["1.23", "Foo-1.23.tar.gz", "stable"],
    ["1.23-TRIALS", undefined, "stable"],
    ["", undefined, "stable"],
  ] as const)("%s (%s) is %s", (version, filename, expected) => {
    expect(distMaturity(version, filename)).toBe(expected);
  });
});
