import { describe, expect, it } from "vitest";
import { encodeFactor, type Factor } from "./factors.js";
import { rankFactors, type GradedReport } from "./factor-ranking.js";
import { fisherExact, holmAdjust } from "./fisher.js";

describe("fisherExact", () => {
  it("matches known two-sided values", () => {
    // R: fisher.test(matrix(c(3,1,1,3), 2))$p.value = 0.4857
    expect(fisherExact(3, 1, 1, 3)).toBeCloseTo(0.4857, 4);
    // fisher.test(matrix(c(10,0,0,10), 2))$p.value = 1.0825e-05
    expect(fisherExact(10, 0, 0, 10)).toBeCloseTo(1.0825e-5, 8);
    expect(fisherExact(5, 5, 5, 5)).toBe(1);
  });

  it("adjusts by Holm's step-down rule", () => {
    expect(holmAdjust([0.01, 0.04, 0.03])).toEqual([0.03, 0.06, 0.06]);
  });
});

// A deterministic stream, so the "no cause" release is the same on every run.
function* lcg(seed: number): Generator<number> {
  let state = seed;
  for (;;) {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    yield state / 2 ** 31;
  }
}

function machine(id: number, random: Generator<number>, grade: (f: Factor[]) => string): GradedReport {
  const pick = <T>(values: T[]) => values[Math.floor(random.next().value * values.length)] as T;
  const factors: Factor[] = [
    { kind: "perl", name: "perl", value: pick(["5.36.0", "5.38.2", "5.40.0", "5.41.7"]) },
    { kind: "os", name: "os", value: pick(["linux", "freebsd", "darwin", "MSWin32"]) },
    { kind: "feature", name: "threads", value: pick(["yes", "no"]) },
    { kind: "prereq", name: "List::Util", value: pick(["1.55", "1.63"]) },
    { kind: "prereq", name: "Moo", value: pick(["2.004004", "2.005004", "2.005005"]) },
  ];
  return { id, grade: grade(factors), factors: factors.map(encodeFactor) };
}

const value = (factors: Factor[], name: string) => factors.find((f) => f.name === name)?.value ?? "";

describe("rankFactors", () => {
  it("ranks a prerequisite threshold first, naming the version before it", () => {
    const random = lcg(7);
    const reports = Array.from({ length: 60 }, (_, id) =>
      machine(id, random, (f) => (value(f, "Moo") === "2.005005" ? "fail" : "pass")),
    );
    const { factors, tested } = rankFactors(reports);
    expect(tested).toBeGreaterThan(5);
    expect(factors[0]).toMatchObject({
      kind: "prereq",
      name: "Moo",
      operator: ">=",
      value: "2.005005",
      below: "2.005004",
      title: "Moo ≥ 2.005005",
    });
    expect(factors[0]?.failsWith).toBe(factors[0]!.failsWith + factors[0]!.failsWithout);
    expect(factors[0]?.passesWith).toBe(0);
    expect(factors[0]?.failExamples).toHaveLength(3);
  });

  it("finds a perl at or above a version, and an OS", () => {
    const random = lcg(11);
    const byPerl = Array.from({ length: 60 }, (_, id) =>
      machine(id, random, (f) => (value(f, "perl") === "5.41.7" ? "fail" : "pass")),
    );
    expect(rankFactors(byPerl).factors[0]?.title).toBe("perl ≥ 5.41.7");
    const byOs = Array.from({ length: 60 }, (_, id) =>
      machine(id, random, (f) => (value(f, "os") === "MSWin32" ? "fail" : "pass")),
    );
    expect(rankFactors(byOs).factors[0]?.title).toBe("OS = MSWin32");
  });

  it("shows nothing for a release whose fails do not depend on the machine", () => {
    for (const seed of [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]) {
      const random = lcg(seed);
      const coin = lcg(seed + 100);
      const reports = Array.from({ length: 80 }, (_, id) =>
        machine(id, random, () => (coin.next().value < 0.3 ? "fail" : "pass")),
      );
      expect(rankFactors(reports).factors).toEqual([]);
    }
  });

  it("tests nothing under the minimum number of reports", () => {
    const random = lcg(3);
    const reports = Array.from({ length: 9 }, (_, id) =>
      machine(id, random, (f) => (value(f, "os") === "linux" ? "fail" : "pass")),
    );
    expect(rankFactors(reports)).toMatchObject({ reports: 9, tested: 0, factors: [] });
  });
});
