import { describe, expect, it } from "vitest";
import { formatDuration, formatProgress } from "./progress.js";

describe("formatProgress", () => {
  it("shows count, share, bar, rate and time left", () => {
    expect(formatProgress("loading", 250, 1000, 5000, 8)).toBe("loading  250/1,000  25.0% [##......]  50/s  ETA 15s");
  });

  it("shows the total time once done, and no bar when there is no room", () => {
    expect(formatProgress("loading", 1000, 1000, 125_000, 0)).toBe("loading  1,000/1,000  100.0%  8/s  in 2m 05s");
  });

  it("does not guess an ETA before anything is done", () => {
    expect(formatProgress("loading", 0, 10, 0, 0)).toBe("loading  0/10  0.0%  0/s  ETA --");
  });
});

describe("formatDuration", () => {
  it("picks the two largest units", () => {
    expect(formatDuration(42_000)).toBe("42s");
    expect(formatDuration(187_000)).toBe("3m 07s");
    expect(formatDuration(3_720_000)).toBe("1h 02m");
    expect(formatDuration(Number.NaN)).toBe("--");
  });
});
