/**
 * The grades of a report, in the order every list, count and column shows them: the tests
 * passed, failed, did not apply to the tester's system (N/A), or could not run.
 */
export const GRADES = ["pass", "fail", "na", "unknown"] as const;
export type Grade = (typeof GRADES)[number];

/** Numbers of reports by grade. */
export type GradeCounts = Record<Grade, number>;

const known = new Set<string>(GRADES);

export const isGrade = (value: string | undefined): value is Grade => value !== undefined && known.has(value);

/** Every grade at zero, a fresh object each time (callers add to it). */
export const noGradeCounts = (): GradeCounts => ({ pass: 0, fail: 0, na: 0, unknown: 0 });
