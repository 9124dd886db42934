import { Histogram, Registry } from "prom-client";
import { describe, expect, it } from "vitest";
import { RequestHistogram } from "./request-histogram.js";

const BUCKETS = [0.001, 0.01, 0.1, 1];

describe("RequestHistogram", () => {
  it("exposes the same text as prom-client's Histogram for the same observations", async () => {
    const ours = new Registry();
    const theirs = new Registry();
    const fast = new RequestHistogram("took_seconds", "How long", ["route", "status"], BUCKETS, ours);
    const reference = new Histogram({
      name: "took_seconds",
      help: "How long",
      labelNames: ["route", "status"] as const,
      buckets: BUCKETS,
      registers: [theirs],
    });
    const observations: [string, string, number][] = [
      ["/a", "200", 0.0005],
      ["/a", "200", 0.001],
      ["/a", "200", 0.05],
      ["/b", "404", 0.5],
      ["/b", "404", 7],
      ["/a", "500", 1],
    ];
    for (const [route, status, seconds] of observations) {
      fast.observe({ route, status }, seconds);
      reference.observe({ route, status }, seconds);
    }
    expect(await ours.metrics()).toBe(await theirs.metrics());
  });

  it("starts again from nothing when the registry resets its metrics", async () => {
    const registry = new Registry();
    const fast = new RequestHistogram("took_seconds", "How long", ["route"], BUCKETS, registry);
    fast.observe({ route: "/a" }, 0.5);
    registry.resetMetrics();
    expect(await registry.metrics()).toBe("# HELP took_seconds How long\n# TYPE took_seconds histogram\n");
  });
});
