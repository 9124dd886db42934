import { describe, expect, it } from "vitest";
import { AppError } from "../errors/index.js";
import { releaseFilter, reportFilter, uploadFilter } from "./event-filters.js";
import type { ReleaseUpdatedPayload, ReportProcessedPayload, UploadAddedPayload } from "./topics.js";

const report = (overrides: Partial<ReportProcessedPayload> = {}): ReportProcessedPayload => ({
  id: 1,
  guid: "00000000-0000-4000-8000-000000000001",
  dist: "Foo-Bar",
  version: "1.00",
  author: "ALICE",
  grade: "fail",
  osname: "MSWin32",
  perl: "5.36.1",
  perlSeries: "5.36",
  ...overrides,
});

describe("reportFilter", () => {
  it("matches everything without criteria", () => {
    expect(reportFilter(undefined)).toBeUndefined();
    expect(reportFilter({ dist: null, grade: null })).toBeUndefined();
  });

  it("requires every given criterion, comparing authors and OS names without case", () => {
    const matches = reportFilter({
      dist: "Foo-Bar",
      author: "alice",
      grade: "fail",
      osname: "mswin32",
      perlSeries: "5.36",
    });
    expect(matches?.(report())).toBe(true);
    expect(
      [
        report({ dist: "Foo-Baz" }),
        report({ dist: "foo-bar" }),
        report({ author: "BOB" }),
        report({ author: null }),
        report({ grade: "pass" }),
        report({ osname: "linux" }),
        report({ perlSeries: "5.38" }),
      ].map((event) => matches?.(event)),
    ).toEqual([false, false, false, false, false, false, false]);
  });

  it("reads a perl series by the rule every series filter shares", () => {
    expect(reportFilter({ perlSeries: "5.036" })?.(report())).toBe(true);
    expect(() => reportFilter({ perlSeries: "6.0" })).toThrow(
      new AppError("BAD_USER_INPUT", 'perlSeries must be a perl series like "5.36", got "6.0"', [], {
        argument: "perlSeries",
      }),
    );
  });

  it("refuses a perl series that is not major.minor, and empty criteria", () => {
    expect(() => reportFilter({ perlSeries: "5.36.1" })).toThrow(
      new AppError("BAD_USER_INPUT", 'perlSeries must be a perl series like "5.36", got "5.36.1"', [], {
        argument: "perlSeries",
      }),
    );
    expect(() => reportFilter({ osname: " " })).toThrow(
      new AppError("BAD_USER_INPUT", "osname must not be empty; leave it out to match every value", [], {
        argument: "osname",
      }),
    );
  });
});

describe("releaseFilter", () => {
  const release = (dist: string, version: string) => ({ dist, version }) as ReleaseUpdatedPayload;

  it("matches one distribution, and one version when given", () => {
    const anyVersion = releaseFilter({ dist: "Foo-Bar" });
    const oneVersion = releaseFilter({ dist: "Foo-Bar", version: "1.00" });
    const events = [release("Foo-Bar", "1.00"), release("Foo-Bar", "1.01"), release("Other", "1.00")];
    expect(events.map(anyVersion)).toEqual([true, true, false]);
    expect(events.map(oneVersion)).toEqual([true, false, false]);
  });
});

describe("uploadFilter", () => {
  const upload = (author: string, dist: string) => ({ author, dist }) as UploadAddedPayload;

  it("matches by author (any case) and distribution, or everything", () => {
    expect(uploadFilter({})).toBeUndefined();
    const events = [upload("ALICE", "Foo"), upload("ALICE", "Bar"), upload("BOB", "Foo")];
    expect(events.map((e) => uploadFilter({ author: "alice" })?.(e))).toEqual([true, true, false]);
    expect(events.map((e) => uploadFilter({ dist: "Foo" })?.(e))).toEqual([true, false, true]);
    expect(events.map((e) => uploadFilter({ author: "ALICE", dist: "Foo" })?.(e))).toEqual([true, false, false]);
  });
});
