import { compareVersions } from "./versions.js";

/** Pass and fail counts of one perl series × OS cell of a release. */
export interface Cell {
  perlSeries: string;
  osname: string;
  pass: number;
  fail: number;
}

export interface RegressedCell {
  perlSeries: string;
  osname: string;
  /** Reports of the previous release in this cell, all passing. */
  passedBefore: number;
  /** Reports of this release in this cell, all failing. */
  failsNow: number;
}

/**
 * The cells where this release only fails and its previous release only passed. Cells with both
 * grades are left out: a mixed cell says "flaky or machine-specific", not "this release broke it".
 */
export function regressedCells(current: readonly Cell[], previous: readonly Cell[]): RegressedCell[] {
  const before = new Map(previous.map((cell) => [`${cell.perlSeries}\u0000${cell.osname}`, cell]));
  return current
    .filter((cell) => cell.fail > 0 && cell.pass === 0)
    .flatMap((cell) => {
      const old = before.get(`${cell.perlSeries}\u0000${cell.osname}`);
      if (!old || old.pass === 0 || old.fail > 0) return [];
      return [{ perlSeries: cell.perlSeries, osname: cell.osname, passedBefore: old.pass, failsNow: cell.fail }];
    })
    .sort((a, b) => compareVersions(b.perlSeries, a.perlSeries) || a.osname.localeCompare(b.osname));
}

/** The version before `version` among `versions`, in version order; null for the first. */
export function previousVersion(versions: readonly string[], version: string): string | null {
  const older = versions.filter((v) => v !== version && compareVersions(v, version) < 0).sort(compareVersions);
  return older.at(-1) ?? null;
}
