import { decodeFactor, factorKeyAndValue, type FactorKind, ORDERED_KINDS } from "./factors.js";
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

/** The reports that share one value of a factor, as positions in the ranked list. */
interface ValueReports {
  positions: number[];
  fails: number;
}

/** One factor (kind and name) and its values across a release's reports. */
interface FactorGroup {
  kind: FactorKind;
  name: string;
  values: Map<string, ValueReports>;
  reports: number;
  fails: number;
  /** The position of the last report counted. */
  last: number;
}

/** A split of a factor's reports: those with one of `values` against the group's others. */
interface Split {
  group: FactorGroup;
  value: string;
  ordered: boolean;
  values: string[];
  below: string | null;
  /** [fails with, fails without, passes with, passes without] */
  table: [number, number, number, number];
}

/**
 * The factors that separate a release's fails from its passes, ranked by Fisher's exact test
 * (two-sided) with Holm's correction for the number of splits tried. A factor is reported only
 * when its adjusted p-value is under the level: a release whose grades do not depend on its
 * machines shows nothing.
 *
 * Each split's table is counted from per-value counts (a threshold adds up the values at or above
 * it), so ranking costs one pass over the reports' factors: no set of reports is built per split,
 * and the reports of a split are listed only for the few factors shown, for their examples.
 */
export function rankFactors(
  reports: readonly GradedReport[],
  options: RankingOptions = DEFAULT_RANKING,
): FactorRanking {
  const graded = reports.filter((r) => r.grade === "pass" || r.grade === "fail");
  const failed = graded.map((r) => r.grade === "fail");
  const fails = failed.filter(Boolean).length;
  const empty = { reports: graded.length, tested: 0, level: options.level, factors: [] };
  if (graded.length < options.minReports || fails === 0 || fails === graded.length) return empty;

  const splits = candidateSplits(factorGroups(graded, failed), options.minSide);
  if (splits.length === 0) return empty;
  const pValues = splits.map(({ table: [a, b, c, d] }) => fisherExact(a, b, c, d));
  const adjusted = holmAdjust(pValues);
  const ranked: RankedFactor[] = [];
  splits.forEach((split, index) => {
    const adjustedP = adjusted[index] ?? 1;
    if (adjustedP >= options.level) return;
    const [a, b, c, d] = split.table;
    const failsMoreWith = a * (b + d) > b * (a + c);
    const operator = split.ordered ? (failsMoreWith ? ">=" : "<") : failsMoreWith ? "=" : "!=";
    const withSide = new Set(split.values);
    const [failing, passing] = failsMoreWith ? [true, false] : [false, true];
    const side = (inWith: boolean) =>
      [...split.group.values]
        .filter(([value]) => withSide.has(value) === inWith)
        .flatMap(([, { positions }]) => positions)
        .sort((x, y) => x - y);
    const examples = (positions: number[], wantFail: boolean) =>
      positions
        .filter((position) => failed[position] === wantFail)
        .slice(0, options.examples)
        .map((position) => graded[position]?.id ?? 0);
    ranked.push({
      kind: split.group.kind,
      name: split.group.name,
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
      failExamples: examples(side(failing), true),
      passExamples: examples(side(passing), false),
    });
  });
  ranked.sort((x, y) => x.pValue - y.pValue || support(y) - support(x) || x.title.localeCompare(y.title));
  return { reports: graded.length, tested: splits.length, level: options.level, factors: ranked };
}

const support = (f: RankedFactor) => f.failsWith + f.passesWith + f.failsWithout + f.passesWithout;

/** The reports' factors grouped by kind and name, then by value, with counts. */
function factorGroups(reports: readonly GradedReport[], failed: readonly boolean[]): FactorGroup[] {
  // Keyed by the encoded `kind US name`: a factor is decoded once per group, not once per report.
  const groups = new Map<string, FactorGroup | null>();
  reports.forEach((report, position) => {
    for (const encoded of report.factors) {
      const [key, value] = factorKeyAndValue(encoded);
      let group = groups.get(key);
      if (group === undefined) {
        const factor = decodeFactor(encoded);
        group = factor && { kind: factor.kind, name: factor.name, values: new Map(), reports: 0, fails: 0, last: -1 };
        groups.set(key, group);
      }
      // A report counts once per factor (the first of two values it lists).
      if (group === null || group.last === position) continue;
      group.last = position;
      const reportsOfValue = group.values.get(value) ?? { positions: [], fails: 0 };
      reportsOfValue.positions.push(position);
      group.reports += 1;
      if (failed[position]) {
        reportsOfValue.fails += 1;
        group.fails += 1;
      }
      group.values.set(value, reportsOfValue);
    }
  });
  return [...groups.values()].filter((group): group is FactorGroup => group !== null);
}

function candidateSplits(groups: readonly FactorGroup[], minSide: number): Split[] {
  const splits: Split[] = [];
  for (const group of groups) {
    const split = (shown: string, ordered: boolean, values: string[], below: string | null) => {
      let [withReports, a] = [0, 0];
      for (const value of values) {
        const reportsOfValue = group.values.get(value);
        withReports += reportsOfValue?.positions.length ?? 0;
        a += reportsOfValue?.fails ?? 0;
      }
      const without = group.reports - withReports;
      if (withReports < minSide || without < minSide) return;
      const b = group.fails - a;
      splits.push({ group, value: shown, ordered, values, below, table: [a, b, withReports - a, without - b] });
    };
    const ordered = ORDERED_KINDS.has(group.kind);
    if (ordered) {
      const versions = [...group.values.keys()].filter((v) => v !== "missing").sort(compareVersions);
      // Walk down from the highest version: each threshold's side is everything at or above it.
      for (let i = versions.length - 1; i >= 1; i--) {
        split(versions[i] ?? "", true, versions.slice(i), versions[i - 1] ?? null);
      }
      if (group.values.has("missing")) split("missing", false, ["missing"], null);
      continue;
    }
    const categories = [...group.values.keys()].sort();
    // Two values split the reports the same way: test one.
    for (const value of categories.length === 2 ? categories.slice(0, 1) : categories) {
      split(value, false, [value], null);
    }
  }
  return splits;
}

function titleOf(split: Split, operator: RankedFactor["operator"]): string {
  const { kind, name } = split.group;
  const { value } = split;
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
