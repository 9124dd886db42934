import { describe, expect, it } from "vitest";
import { GRADES } from "./grade.js";
import { countReport, NO_RELEASE_COUNTS, type ReleaseCounters } from "./release-counters.js";

describe("countReport", () => {
  it("adds a report to its grade, and to its stable grade only on a stable perl", () => {
    const counters: ReleaseCounters = { ...NO_RELEASE_COUNTS };
    countReport(counters, "pass", "stable");
    countReport(counters, "fail", "dev");
    countReport(counters, "na", "stable");
    countReport(counters, "unknown", "dev");
    countReport(counters, "pass", "dev");
    expect(counters).toEqual({
      pass: 2,
      fail: 1,
      na: 1,
      unknown: 1,
      stablePass: 1,
      stableFail: 0,
      stableNa: 1,
      stableUnknown: 0,
    });
  });

  it("has a counter for every grade and leaves the empty counters untouched", () => {
    const counters: ReleaseCounters = { ...NO_RELEASE_COUNTS };
    for (const grade of GRADES) countReport(counters, grade, "stable");
    expect(Object.values(counters)).toEqual(Array(8).fill(1));
    expect(Object.values(NO_RELEASE_COUNTS)).toEqual(Array(8).fill(0));
  });
});
