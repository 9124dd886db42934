import { describe, expect, it } from "vitest";
import { percentile, summarise } from "./stats.js";

describe("percentile", () => {
  it("takes the nearest rank of the sorted samples", () => {
    const samples = [5, 1, 4, 2, 3];
    expect(percentile(samples, 50)).toBe(3);
    expect(percentile(samples, 99)).toBe(5);
    expect(percentile(samples, 1)).toBe(1);
  });

  it("is NaN without samples", () => {
    expect(percentile([], 50)).toBeNaN();
  });

  it("summarises median, p99 and count", () => {
    const samples = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(summarise(samples)).toEqual({ medianMs: 50, p99Ms: 99, samples: 100 });
  });
});
