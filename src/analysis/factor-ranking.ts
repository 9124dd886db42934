import { decodeFactor, type FactorKind, ORDERED_KINDS } from "./factors.js";
import { fisherExact, holmAdjust } from "./fisher.js";
import { compareVersions } from "./versions.js";

/** One report as the ranking sees it: its grade and its encoded factors. */
export interface GradedReport {
  id: number;
  grade: string;
  factors: readonly string[];
}

export interface RankingOptions {
  /** Below this many pass and fail reports in all, nothing is tested. */
  minReports: number;
  /** Each side of a split needs at least this many reports. */
  minSide: number;
  /** Family-wise error rate, after Holm's correction over every split tried. */
  level: number;
  /** Examples kept per side. */
  examples: number;
}

export const DEFAULT_RANKING: RankingOptions = { minReports: 10, minSide: 3, level: 0.01, examples: 3 };

/** A split of a release's reports that separates its fails from its passes. */
export interface RankedFactor {
  kind: FactorKind;
  name: string;
  /** `>=`, `<` (ordered kinds), `=`, `!=` (categorical). */
  operator: ">=" | "<" | "=" | "!=";
  value: string;
  /** `Foo::Bar >= 1.23`, `osname = freebsd`. */
  title: string;
  failsWith: number;
  passesWith: number;
  failsWithout: number;
  passesWithout: number;
  pValue: number;
  /** Holm-adjusted over every split tried for this release. */
  adjustedP: number;
  /** For a version threshold: the highest version seen below it (the last one before the change). */
  below: string | null;
  failExamples: number[];
  passExamples: number[];
}

export interface FactorRanking {
  /** Pass and fail reports considered (na and unknown are not). */
  reports: number;
  /** How many splits were tested: the size of the correction. */
  tested: number;
  level: number;
  factors: RankedFactor[];
}

interface Split {
  kind: FactorKind;
  name: string;
  value: string;
  ordered: boolean;
  with: Set<number>;
  members: Set<number>;
  below: string | null;
}

/**
 * The factors that separate a release's fails from its passes, ranked by Fisher's exact test
 * (two-sided) with Holm's correction for the number of splits tried. A factor is reported only
 * when its adjusted p-value is under the level: a release whose grades do not depend on its
 * machines shows nothing.
 */
export function rankFactors(
  reports: readonly GradedReport[],
  options: RankingOptions = DEFAULT_RANKING,
): FactorRanking {
  const graded = reports.filter((r) => r.grade === "pass" || r.grade === "fail");
  const fails = new Set(graded.filter((r) => r.grade === "fail").map((r) => r.id));
  const empty = { reports: graded.length, tested: 0, level: options.level, factors: [] };
  if (graded.length < options.minReports || fails.size === 0 || fails.size === graded.length) return empty;

  const splits = candidateSplits(graded, options.minSide);
  if (splits.length === 0) return empty;
  const tables = splits.map((split) => table(split, fails));
  const pValues = tables.map(([a, b, c, d]) => fisherExact(a, b, c, d));
  const adjusted = holmAdjust(pValues);
  const ranked: RankedFactor[] = [];
  splits.forEach((split, index) => {
    const adjustedP = adjusted[index] ?? 1;
    if (adjustedP >= options.level) return;
    const [a, b, c, d] = tables[index] ?? [0, 0, 0, 0];
    const failsMoreWith = a * (b + d) > b * (a + c);
    const operator = split.ordered ? (failsMoreWith ? ">=" : "<") : failsMoreWith ? "=" : "!=";
    const failing = failsMoreWith ? split.with : complement(split.members, split.with);
    ranked.push({
      kind: split.kind,
      name: split.name,
      operator,
      value: split.value,
      title: titleOf(split, operator),
      failsWith: a,
      passesWith: c,
      failsWithout: b,
      passesWithout: d,
      pValue: pValues[index] ?? 1,
      adjustedP,
      below: split.below,
      failExamples: [...failing].filter((id) => fails.has(id)).slice(0, options.examples),
      passExamples: [...complement(split.members, failing)].filter((id) => !fails.has(id)).slice(0, options.examples),
    });
  });
  ranked.sort((x, y) => x.pValue - y.pValue || support(y) - support(x) || x.title.localeCompare(y.title));
  return { reports: graded.length, tested: splits.length, level: options.level, factors: ranked };
}

const support = (f: RankedFactor) => f.failsWith + f.passesWith + f.failsWithout + f.passesWithout;

function table(split: Split, fails: Set<number>): [number, number, number, number] {
  let [a, b, c, d] = [0, 0, 0, 0];
  for (const id of split.members) {
    const failed = fails.has(id);
    const inside = split.with.has(id);
    if (inside && failed) a++;
    else if (inside) c++;
    else if (failed) b++;
    else d++;
  }
  return [a, b, c, d];
}

function candidateSplits(reports: readonly GradedReport[], minSide: number): Split[] {
  // kind+name -> value -> report ids
  const groups = new Map<string, { kind: FactorKind; name: string; values: Map<string, Set<number>> }>();
  for (const report of reports) {
    for (const encoded of report.factors) {
      const factor = decodeFactor(encoded);
      if (!factor) continue;
      const key = `${factor.kind}\u0000${factor.name}`;
      const group = groups.get(key) ?? { kind: factor.kind, name: factor.name, values: new Map<string, Set<number>>() };
      const ids = group.values.get(factor.value) ?? new Set<number>();
      ids.add(report.id);
      group.values.set(factor.value, ids);
      groups.set(key, group);
    }
  }
  const splits: Split[] = [];
  const keep = (split: Split) => {
    const without = split.members.size - split.with.size;
    if (split.with.size >= minSide && without >= minSide) splits.push(split);
  };
  for (const { kind, name, values } of groups.values()) {
    const members = new Set([...values.values()].flatMap((ids) => [...ids]));
    const ordered = ORDERED_KINDS.has(kind);
    const versions = [...values.keys()].filter((v) => v !== "missing").sort(compareVersions);
    if (ordered) {
      const at = new Set<number>();
      // Walk down from the highest version: each threshold's side is everything at or above it.
      for (let i = versions.length - 1; i >= 1; i--) {
        for (const id of values.get(versions[i] ?? "") ?? []) at.add(id);
        keep({
          kind,
          name,
          value: versions[i] ?? "",
          ordered,
          with: new Set(at),
          members,
          below: versions[i - 1] ?? null,
        });
      }
    }
    const categories = ordered ? (values.has("missing") ? ["missing"] : []) : [...values.keys()].sort();
    // Two values split the reports the same way: test one.
    const tested = !ordered && categories.length === 2 ? categories.slice(0, 1) : categories;
    for (const value of tested) {
      keep({ kind, name, value, ordered: false, with: values.get(value) ?? new Set(), members, below: null });
    }
  }
  return splits;
}

function complement(all: Set<number>, part: Set<number>): Set<number> {
  return new Set([...all].filter((id) => !part.has(id)));
}

function titleOf(split: Split, operator: RankedFactor["operator"]): string {
  const { kind, name, value } = split;
  const shown = operator === ">=" ? "≥" : operator === "!=" ? "≠" : operator;
  switch (kind) {
    case "perl":
      return `perl ${shown} ${value}`;
    case "os":
      return `OS ${shown} ${value}`;
    case "osversion":
      return `${name} ${operator === "=" ? "" : "not "}${value}`;
    case "feature":
      return `${(operator === "=") === (value === "yes") ? "with" : "without"} ${name}`;
    default:
      return value === "missing" && !split.ordered
        ? `${name} ${operator === "=" ? "missing" : "installed"}`
        : `${name} ${shown} ${value}`;
  }
}
