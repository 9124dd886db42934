import { describe, expect, it } from "vitest";
import { ActivityCounter, addBuckets, LAG_BUCKETS_SECONDS, lagBucket, lagQuantile } from "./activity.js";

describe("activity per minute", () => {
  it("puts a latency in the first bucket whose bound it does not exceed, past the last in one more", () => {
    expect(lagBucket(0)).toBe(0);
    expect(lagBucket(0.1)).toBe(0);
    expect(lagBucket(0.11)).toBe(1);
    expect(lagBucket(60)).toBe(LAG_BUCKETS_SECONDS.indexOf(60));
    expect(lagBucket(3600)).toBe(LAG_BUCKETS_SECONDS.length - 1);
    expect(lagBucket(3601)).toBe(LAG_BUCKETS_SECONDS.length);
  });

  it("reads a percentile as the bound of the bucket it falls in, null without data", () => {
    expect(lagQuantile([], 0.99)).toBeNull();
    // 98 under 0.1 s, 2 between 60 and 120 s: p99 is in the 120 s bucket, p50 in the first.
    const buckets = addBuckets([98], [0, 0, 0, 0, 0, 0, 0, 0, 0, 2]);
    expect(lagQuantile(buckets, 0.5)).toBe(0.1);
    expect(lagQuantile(buckets, 0.98)).toBe(0.1);
    expect(lagQuantile(buckets, 0.99)).toBe(120);
    const slow = new Array<number>(LAG_BUCKETS_SECONDS.length + 1).fill(0);
    slow[LAG_BUCKETS_SECONDS.length] = 5;
    expect(lagQuantile(slow, 0.99)).toBe(3600);
  });

  it("counts per minute and hands over only the minutes changed since the last time", () => {
    let now = Date.parse("2026-12-07T10:00:30Z");
    const activity = new ActivityCounter(() => now);
    activity.request();
    activity.received(3);
    activity.processed([0.05, 2]);
    const first = activity.takeChanged();
    expect(first).toEqual([
      {
        minute: Date.parse("2026-12-07T10:00:00Z"),
        requests: 1,
        received: 3,
        processed: 2,
        lagBuckets: [1, 0, 0, 0, 1, ...new Array<number>(LAG_BUCKETS_SECONDS.length - 4).fill(0)],
      },
    ]);
    expect(activity.takeChanged()).toEqual([]);
    // Later in the same minute: the row again, with the minute's totals so far.
    activity.received();
    expect(activity.takeChanged()[0]).toMatchObject({ received: 4, processed: 2 });
    // The next minute: a new row; the old one is forgotten once written.
    now += 60_000;
    activity.received();
    const next = activity.takeChanged();
    expect(next).toHaveLength(1);
    expect(next[0]).toMatchObject({ minute: Date.parse("2026-12-07T10:01:00Z"), received: 1 });
    // A failed write is handed over again at the next beat.
    activity.restore(next);
    expect(activity.takeChanged()).toEqual(next);
  });
});
