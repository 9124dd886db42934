import { describe, expect, it } from "vitest";
import type { ReportRow } from "../../db/schema/index.js";
import { legacyReportRecord, legacyTester } from "./report.record.js";
import { dateWindow } from "./reports-metadata.route.js";

const row = (perl: string, osname = "linux"): ReportRow => ({
  id: 7,
  guid: "d0ab4d36-3343-11e7-b830-917e22bfee97",
  grade: "na",
  dist: "Foo-Bar",
  version: "1.0",
  tester: "ada@example.org",
  perl,
  perlMajor: 5,
  perlMinor: 0,
  perlPatch: 0,
  perlMaturity: "stable",
  perlPatched: false,
  platform: "x86_64-linux",
  osname,
  osversion: "6.1",
  submittedAt: new Date("2024-02-29T23:59:59.999Z"),
  receivedAt: new Date("2024-03-01T00:00:00Z"),
});

describe("legacy report records", () => {
  it("marks perls as the original did, from their text", () => {
    const marks = (perl: string) => {
      const { csspatch, cssperl } = legacyReportRecord(row(perl));
      return `${csspatch} ${cssperl}`;
    };
    expect(
      [
        "5.8.9",
        "5.7.3",
        "5.9.5",
        "5.10.1",
        "5.11.0",
        "5.36.1",
        "5.37.2",
        "5.40.0 RC1",
        "5.8.8 patch 33243",
        "5.41.3",
      ].map(marks),
    ).toEqual([
      "unp rel",
      "unp dev",
      "unp dev",
      "unp rel",
      "unp dev",
      "unp rel",
      "unp dev",
      "pat rel",
      "pat rel",
      "unp dev",
    ]);
  });

  it("writes dates to the minute in UTC, and names operating systems as the original's table", () => {
    expect(legacyReportRecord(row("5.36.1", "MSWin32"))).toMatchObject({
      fulldate: "202402292359",
      postdate: "202402",
      datetime: "2024-02-29T23:59:00",
      ostext: "Windows (Win32)",
      status: "NA",
      id: "7",
    });
    expect(legacyReportRecord(row("5.36.1", "plan9")).ostext).toBeNull();
    expect(legacyReportRecord(row("5.36.1", "constructor")).ostext).toBeNull();
  });

  it("quotes the tester's name and leaves a bare address alone", () => {
    expect(legacyTester("Andreas J. König <andk@cpan.org>")).toBe('"Andreas J. König" <andk@cpan.org>');
    expect(legacyTester("ada@example.org")).toBe("ada@example.org");
  });

  it("reads a date parameter in the shapes the original stripped to YYYYMMDD", () => {
    const day = { submittedFrom: new Date("2024-02-29T00:00:00Z"), submittedBefore: new Date("2024-03-01T00:00:00Z") };
    for (const date of ["2024-02-29", "20240229", "2024-02-29T10:00"]) expect(dateWindow(date)).toEqual(day);
    for (const date of ["2023-02-29", "2024-13-01", "yesterday", "2024-2-9"]) expect(dateWindow(date)).toBeUndefined();
    // Days Postgres cannot take (year 0, or one ending in year 10000) name no report.
    for (const date of ["0000-01-01", "9999-12-31"]) expect(dateWindow(date)).toBeUndefined();
  });
});
