import { describe, expect, it } from "vitest";
import { formatScenario, ratios } from "./markdown.js";

describe("formatScenario", () => {
  it("puts each subject beside its baselines with the ratios", () => {
    const lines = formatScenario({
      name: "reads",
      summary: "The five reads.",
      seconds: 1,
      notes: ["a note"],
      rows: [
        {
          case: "release-summary",
          subject: { contender: "platform", medianMs: 2, p99Ms: 5, throughput: 1000, unit: "req/s" },
          baselines: [{ contender: "bare", medianMs: 1, p99Ms: 2, throughput: 4000, unit: "req/s", errors: 3 }],
        },
        {
          case: "monthly-statistics",
          subject: null,
          baselines: [{ contender: "bare", medianMs: 1.5, p99Ms: 3, throughput: 2000, unit: "req/s" }],
          note: "no GraphQL field yet",
        },
      ],
    });
    expect(lines).toEqual([
      "## reads",
      "",
      "The five reads.",
      "",
      "| case | contender | median ms | p99 ms | throughput | subject ÷ this |",
      "|---|---|--:|--:|--:|---|",
      "| release-summary | **platform** | 2.00 | 5.00 | 1,000 req/s | |",
      "|  | bare (3 errors) | 1.00 | 2.00 | 4,000 req/s | throughput 0.25×, median 2.00× |",
      "| monthly-statistics | *(platform: not yet)* |  |  |  | |",
      "| monthly-statistics | bare | 1.50 | 3.00 | 2,000 req/s |  |",
      "",
      "- a note",
      "- monthly-statistics: no GraphQL field yet",
    ]);
  });

  it("shows the failure of a scenario that errored", () => {
    const lines = formatScenario({ name: "x", summary: "s", seconds: 0, notes: [], rows: [], error: "boom" });
    expect(lines).toContain("**Failed:** boom");
  });
});

describe("ratios", () => {
  it("compares memory when there is no throughput", () => {
    expect(
      ratios({ contender: "a", rssIdleMiB: 150, rssLoadMiB: 300 }, { contender: "b", rssIdleMiB: 50, rssLoadMiB: 100 }),
    ).toBe("RSS idle 3.00×, RSS load 3.00×");
  });
});
