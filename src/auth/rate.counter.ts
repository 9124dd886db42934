import { LRUCache } from "lru-cache";
import type { RedisClientType } from "redis";
import type { Logger } from "../log.js";

/** A count of points in a window that started with the first points and ends `resetInMs` from now. */
export interface WindowCount {
  count: number;
  resetInMs: number;
}

/**
 * Counts points per key in fixed windows: rate limits, GraphQL budgets and failed authentications
 * all use it. In memory for one process, or in Redis so that every instance shares the counts.
 */
export interface RateCounter {
  /** Adds `points` to `key`; a new window of `windowMs` starts with the first points, or now when `restart`. */
  add(key: string, points: number, windowMs: number, restart?: boolean): Promise<WindowCount>;
  /** The current count of `key`, zero when it has none. */
  peek(key: string): Promise<WindowCount>;
}

/** Keys remembered by one process at most; the least recently used go first. */
const MEMORY_KEYS = 100_000;

export function memoryRateCounter(): RateCounter {
  const windows = new LRUCache<string, { count: number; endsAt: number }>({ max: MEMORY_KEYS });
  const current = (key: string, now: number) => {
    const window = windows.get(key);
    return window && window.endsAt > now ? window : undefined;
  };
  return {
    async add(key, points, windowMs, restart = false) {
      const now = Date.now();
      const window = current(key, now) ?? { count: 0, endsAt: now + windowMs };
      window.count += points;
      if (restart) window.endsAt = now + windowMs;
      windows.set(key, window);
      return { count: window.count, resetInMs: window.endsAt - now };
    },
    async peek(key) {
      const now = Date.now();
      const window = current(key, now);
      return window ? { count: window.count, resetInMs: window.endsAt - now } : { count: 0, resetInMs: 0 };
    },
  };
}

// One round trip, atomic across instances: add, start the window on the first points, report.
const ADD = `
local count = redis.call('INCRBY', KEYS[1], ARGV[1])
if count == tonumber(ARGV[1]) or ARGV[3] == '1' then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return {count, redis.call('PTTL', KEYS[1])}`;

/**
 * Counts in Redis under `prefix`, through the platform's node-redis client (@fastify/rate-limit's
 * Redis store needs ioredis). A Redis fault falls back to counting in this process, so limits keep
 * holding per instance while Redis is away and no request fails for it.
 */
export function redisRateCounter(client: RedisClientType, prefix: string, log: Logger): RateCounter {
  const fallback = memoryRateCounter();
  let warned = false;
  const degraded = (error: unknown) => {
    if (!warned) log.warn({ err: error }, "rate limits counted per process while Redis is unavailable");
    warned = true;
  };
  return {
    async add(key, points, windowMs, restart = false) {
      try {
        const reply = (await client.eval(ADD, {
          keys: [prefix + key],
          arguments: [String(points), String(windowMs), restart ? "1" : "0"],
        })) as [number, number];
        warned = false;
        return { count: Number(reply[0]), resetInMs: Math.max(0, Number(reply[1])) };
      } catch (error) {
        degraded(error);
        return fallback.add(key, points, windowMs, restart);
      }
    },
    async peek(key) {
      try {
        const [count, ttl] = await Promise.all([client.get(prefix + key), client.pTTL(prefix + key)]);
        return count === null || ttl <= 0 ? { count: 0, resetInMs: 0 } : { count: Number(count), resetInMs: ttl };
      } catch (error) {
        degraded(error);
        return fallback.peek(key);
      }
    },
  };
}
