import { describe, expect, it } from "vitest";
import { parsePerlSeries, parsePerlVersion, perlSeriesName, perlSeriesOf } from "./perl.js";

describe("parsePerlVersion", () => {
  it("parses a plain stable release", () => {
    expect(parsePerlVersion("5.8.8")).toEqual({
      perl: "5.8.8",
      major: 5,
      minor: 8,
      patch: 8,
      series: "5.8",
      maturity: "stable",
      patched: false,
    });
  });

  it("drops a leading v and surrounding blanks", () => {
    expect(parsePerlVersion("  v5.10.1\n")).toEqual({
      perl: "5.10.1",
      major: 5,
      minor: 10,
      patch: 1,
      series: "5.10",
      maturity: "stable",
      patched: false,
    });
  });

  it("treats a release candidate as a patched dev perl and keeps the suffix", () => {
    expect(parsePerlVersion("v5.36.0 RC1")).toEqual({
      perl: "5.36.0 RC1",
      major: 5,
      minor: 36,
      patch: 0,
      series: "5.36",
      maturity: "dev",
      patched: true,
    });
    expect(parsePerlVersion("5.12.0-rc3")).toMatchObject({ perl: "5.12.0-rc3", maturity: "dev", patched: true });
  });

  it("marks a patch level as patched without making it dev", () => {
    expect(parsePerlVersion("5.36.0 patch 12345")).toEqual({
      perl: "5.36.0 patch 12345",
      major: 5,
      minor: 36,
      patch: 0,
      series: "5.36",
      maturity: "stable",
      patched: true,
    });
    expect(parsePerlVersion("5.10.1 PATCH blead-4321")).toMatchObject({ patched: true, maturity: "stable" });
  });

  it.each([
    ["5.6.2", "stable"],
    ["5.7.3", "dev"],
    ["5.9.5", "dev"],
    ["5.11.5", "dev"],
    ["5.12.0", "stable"],
    ["5.41.3", "dev"],
    ["5.42.0", "stable"],
  ] as const)("odd minors from 5.7 on are dev: %s is %s", (version, maturity) => {
    expect(parsePerlVersion(version)?.maturity).toBe(maturity);
  });

  it("does not read RC inside another word", () => {
    expect(parsePerlVersion("5.14.2 with src patches")).toMatchObject({ maturity: "stable", patched: true });
    expect(parsePerlVersion("5.14.2 (source build)")).toMatchObject({ maturity: "stable", patched: false });
  });

  it("turns the old numeric form into dotted", () => {
    expect(parsePerlVersion("5.008008")).toEqual({
      perl: "5.8.8",
      major: 5,
      minor: 8,
      patch: 8,
      series: "5.8",
      maturity: "stable",
      patched: false,
    });
    expect(parsePerlVersion("5.006001")?.perl).toBe("5.6.1");
    expect(parsePerlVersion("5.010")?.perl).toBe("5.10.0");
    expect(parsePerlVersion("5.009005 patch 33")).toMatchObject({ perl: "5.9.5 patch 33", maturity: "dev" });
  });

  it.each([
    "",
    "   ",
    "6.c",
    "v6.d",
    "2016.12-239-gc405f06",
    "2019.03.1",
    "6.0.0",
    "5",
    "5.10",
    "5.00503",
    "perl",
    "five point eight",
  ])("returns null for %j", (input) => {
    expect(parsePerlVersion(input)).toBeNull();
  });
});

describe("parsePerlSeries", () => {
  it("reads a Perl 5 series as major and minor", () => {
    expect(parsePerlSeries("5.36")).toEqual({ major: 5, minor: 36 });
    expect(parsePerlSeries("5.8")).toEqual({ major: 5, minor: 8 });
    expect(parsePerlSeries("5.036")).toEqual({ major: 5, minor: 36 });
  });

  it("refuses versions, other languages and anything that is not exactly a series", () => {
    for (const text of ["5.36.1", "6.0", "5", "5.", ".36", " 5.36", "5.36 ", "5.1000", "v5.36", "5.x", ""]) {
      expect(parsePerlSeries(text), text).toBeNull();
    }
  });

  it("names a series as reports and events carry it, so a parsed filter compares with them", () => {
    expect(perlSeriesName({ major: 5, minor: 36 })).toBe("5.36");
    const series = parsePerlSeries("5.036");
    expect(series && perlSeriesName(series)).toBe(parsePerlVersion("5.36.1")?.series);
  });
});

describe("perlSeriesOf", () => {
  it("gives the series of any Perl 5 version form", () => {
    expect(perlSeriesOf("5.36.1")).toEqual({ major: 5, minor: 36 });
    expect(perlSeriesOf("5.41.3 RC1")).toEqual({ major: 5, minor: 41 });
    expect(perlSeriesOf("v5.10.1")).toEqual({ major: 5, minor: 10 });
    expect(perlSeriesOf("5.008008")).toEqual({ major: 5, minor: 8 });
  });

  it("gives null for what is no Perl 5 version", () => {
    expect(perlSeriesOf("6.d")).toBeNull();
    expect(perlSeriesOf("5.36")).toBeNull();
    expect(perlSeriesOf("perl")).toBeNull();
  });
});
