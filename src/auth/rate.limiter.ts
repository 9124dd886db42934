import { createHash } from "node:crypto";
import { AppError, ErrorCode } from "../errors/index.js";
import type { RateCounter } from "./rate.counter.js";

/** One budget a request draws on: whose it is (`key`) and how many points a window allows. */
export interface Budget {
  key: string;
  max: number;
}

/** What a request learns about the tightest of its budgets, for the X-RateLimit headers. */
export interface RateVerdict {
  allowed: boolean;
  /** The resource the budgets belong to: intake, register, graphql. */
  resource: string;
  limit: number;
  used: number;
  remaining: number;
  /** Seconds until the tightest budget's window ends. */
  resetInSeconds: number;
}

/** A key for a credential that never holds the credential itself (counts may live in Redis). */
export const credentialKey = (credential: string): string =>
  createHash("sha256").update(credential).digest("base64url").slice(0, 22);

/** Spends points from budgets that refill every window (GitHub's model: a query spends its cost). */
export class RateLimiter {
  constructor(
    private readonly counter: RateCounter,
    private readonly windowSeconds: number,
  ) {}

  /** Spends `points` from every budget; refused when any of them is overdrawn. */
  async spend(resource: string, budgets: readonly Budget[], points = 1): Promise<RateVerdict> {
    const counts = await Promise.all(
      budgets.map((budget) => this.counter.add(`${resource}:${budget.key}`, points, this.windowSeconds * 1000)),
    );
    let verdict: RateVerdict | undefined;
    counts.forEach(({ count, resetInMs }, i) => {
      const { max } = budgets[i] as Budget;
      const remaining = Math.max(0, max - count);
      const candidate: RateVerdict = {
        allowed: count <= max,
        resource,
        limit: max,
        used: Math.min(count, max),
        remaining,
        resetInSeconds: Math.max(1, Math.ceil(resetInMs / 1000)),
      };
      // The verdict shown is the refusing budget, else the one with the least left.
      if (!verdict || (verdict.allowed && (!candidate.allowed || remaining < verdict.remaining))) verdict = candidate;
    });
    return verdict ?? { allowed: true, resource, limit: 0, used: 0, remaining: 0, resetInSeconds: 0 };
  }
}

/** The X-RateLimit headers of GitHub's API, and Retry-After on a refusal. */
export function rateLimitHeaders(verdict: RateVerdict, now = Date.now()): Record<string, string> {
  return {
    "x-ratelimit-limit": String(verdict.limit),
    "x-ratelimit-remaining": String(verdict.remaining),
    "x-ratelimit-used": String(verdict.used),
    "x-ratelimit-reset": String(Math.ceil(now / 1000) + verdict.resetInSeconds),
    "x-ratelimit-resource": verdict.resource,
    ...(verdict.allowed ? {} : { "retry-after": String(verdict.resetInSeconds) }),
  };
}

/** The error a refused request is answered with: 429, and when to come back. */
export function rateLimited(message: string, retryAfterSeconds: number): AppError {
  return new AppError(ErrorCode.RATE_LIMITED, `${message}; retry in ${retryAfterSeconds} s`, [], {
    retryAfter: retryAfterSeconds,
  });
}
