import { afterEach, describe, expect, it, vi } from "vitest";
import { AuthBackoff } from "./auth.backoff.js";
import { memoryRateCounter } from "./rate.counter.js";
import { RateLimiter, rateLimitHeaders } from "./rate.limiter.js";

describe("RateLimiter", () => {
  afterEach(() => vi.useRealTimers());

  it("allows a budget's points to the last and refuses the next, until the window ends", async () => {
    vi.useFakeTimers();
    const limiter = new RateLimiter(memoryRateCounter(), 60);
    const spend = (points: number) => limiter.spend("graphql", [{ key: "ip:a", max: 10 }], points);
    expect(await spend(4)).toMatchObject({ allowed: true, remaining: 6, used: 4, limit: 10, resetInSeconds: 60 });
    expect(await spend(6)).toMatchObject({ allowed: true, remaining: 0, used: 10 });
    expect(await spend(1)).toMatchObject({ allowed: false, remaining: 0, used: 10 });
    vi.advanceTimersByTime(60_000);
    expect(await spend(1)).toMatchObject({ allowed: true, remaining: 9 });
  });

  it("shows the budget that refuses, else the one with the least left", async () => {
    const limiter = new RateLimiter(memoryRateCounter(), 60);
    const budgets = [
      { key: "ip:a", max: 5 },
      { key: "token:t", max: 2 },
    ];
    expect(await limiter.spend("intake", budgets)).toMatchObject({ allowed: true, limit: 2, remaining: 1 });
    await limiter.spend("intake", budgets);
    expect(await limiter.spend("intake", budgets)).toMatchObject({ allowed: false, limit: 2 });
    expect(await limiter.spend("intake", [{ key: "ip:a", max: 5 }])).toMatchObject({ allowed: true, remaining: 1 });
  });

  it("writes GitHub's headers, with Retry-After only on a refusal", () => {
    const verdict = { allowed: true, resource: "graphql", limit: 10, used: 3, remaining: 7, resetInSeconds: 30 };
    expect(rateLimitHeaders(verdict, 1_000_000)).toEqual({
      "x-ratelimit-limit": "10",
      "x-ratelimit-remaining": "7",
      "x-ratelimit-used": "3",
      "x-ratelimit-reset": "1030",
      "x-ratelimit-resource": "graphql",
    });
    expect(rateLimitHeaders({ ...verdict, allowed: false }, 1_000_000)["retry-after"]).toBe("30");
  });
});

describe("AuthBackoff", () => {
  afterEach(() => vi.useRealTimers());

  it("refuses after the allowed failures, doubling the wait with each further failure", async () => {
    vi.useFakeTimers();
    const backoff = new AuthBackoff(memoryRateCounter(), {
      failuresAllowed: 2,
      backoffSeconds: 1,
      backoffMaxSeconds: 4,
    });
    const retryAfter = () =>
      backoff.check("p", "ip").then(
        () => 0,
        (error: { extensions: { retryAfter: number } }) => error.extensions.retryAfter,
      );
    await backoff.failed("p", "ip");
    expect(await retryAfter()).toBe(0);
    await backoff.failed("p", "ip");
    expect(await retryAfter()).toBe(1);
    vi.advanceTimersByTime(1_000);
    expect(await retryAfter()).toBe(0);
    await backoff.failed("p", "ip");
    expect(await retryAfter()).toBe(2);
    vi.advanceTimersByTime(2_000);
    await backoff.failed("p", "ip");
    expect(await retryAfter()).toBe(4);
    vi.advanceTimersByTime(4_000);
    await backoff.failed("p", "ip");
    expect(await retryAfter()).toBe(4);
    // Another profile from the same address is not held back by the first one's failures.
    await expect(backoff.check("q", "other-ip")).resolves.toBeUndefined();
  });
});
