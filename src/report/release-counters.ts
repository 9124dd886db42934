import type { Grade } from "./grade.js";
import type { PerlVersion } from "./perl.js";

/** A release's report counters: over every perl, and over stable perls only. */
export interface ReleaseCounters {
  pass: number;
  fail: number;
  na: number;
  unknown: number;
  stablePass: number;
  stableFail: number;
  stableNa: number;
  stableUnknown: number;
}

/** The counters of a release without reports. */
export const NO_RELEASE_COUNTS: Readonly<ReleaseCounters> = {
  pass: 0,
  fail: 0,
  na: 0,
  unknown: 0,
  stablePass: 0,
  stableFail: 0,
  stableNa: 0,
  stableUnknown: 0,
};

/** The counter a report of each grade adds to over stable perls. */
export const STABLE_COUNTER = {
  pass: "stablePass",
  fail: "stableFail",
  na: "stableNa",
  unknown: "stableUnknown",
} as const satisfies Record<Grade, keyof ReleaseCounters>;

/** Adds one report to a release's counters: its grade, and its stable grade on a stable perl. */
export function countReport(counters: ReleaseCounters, grade: Grade, perlMaturity: PerlVersion["maturity"]): void {
  counters[grade] += 1;
  if (perlMaturity === "stable") counters[STABLE_COUNTER[grade]] += 1;
}
