import type { KeyValueCache } from "@apollo/utils.keyvaluecache";
import type { RateCounter } from "../auth/rate.counter.js";
import type { AbuseLimits } from "../config.js";

type PersistedQueryLimits = Pick<
  AbuseLimits,
  "persistedQueryMaxBytes" | "persistedQueryMaxCount" | "persistedQueryTtlSeconds"
>;

/**
 * The store of automatic persisted queries, bounded: Apollo registers a query only once it has
 * parsed, validated and passed the cost and rate limits (didResolveOperation); here a query is
 * kept only when it is small enough, and only while fewer than the maximum were registered in the
 * current TTL period (across instances when the counter is Redis), for the TTL at most. A query
 * not kept still runs; its client sends the text again next time. Without these bounds,
 * anonymous clients filled Redis at 45 MiB/s with queries kept a day.
 */
export function boundedPersistedQueries(
  cache: KeyValueCache<string>,
  counter: RateCounter,
  limits: PersistedQueryLimits,
): KeyValueCache<string> {
  const ttl = limits.persistedQueryTtlSeconds;
  return {
    get: (key) => cache.get(key),
    delete: (key) => cache.delete(key),
    async set(key, value) {
      if (Buffer.byteLength(value) > limits.persistedQueryMaxBytes) return;
      const { count } = await counter.add("apq:registered", 1, ttl * 1000);
      if (count > limits.persistedQueryMaxCount) return;
      await cache.set(key, value, { ttl });
    },
  };
}
