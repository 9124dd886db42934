import { InMemoryLRUCache, type KeyValueCache } from "@apollo/utils.keyvaluecache";
import type { Logger } from "../log.js";
import type { RedisClientType } from "redis";
import { connectWithin, createRedisClient } from "../redis.js";

export interface SharedCache {
  /** Apollo's cache interface: the response cache and automatic persisted queries both use it. */
  cache: KeyValueCache<string>;
  kind: "redis" | "memory";
  /** The Redis client behind the cache, for other shared counts (rate limits); absent in memory. */
  redis?: RedisClientType;
  close(): Promise<void>;
}

/** In-memory size of the cache of one process when there is no Redis: Apollo's default, 30 MiB. */
export const MEMORY_CACHE_BYTES = 30 * 1024 * 1024;

/**
 * One cache for every API process (Redis) when REDIS_URL is set, else one per process (an LRU in
 * memory). A Redis failure is a cache miss, never a failed request: reads fall through to the
 * database and writes are dropped. The outage itself is logged once, by the client's error event.
 */
export async function createSharedCache(
  redisUrl: string | undefined,
  log: Logger,
  keyPrefix = "cpantesters:cache:",
  /** How long start-up waits for Redis before serving without the cache. */
  connectTimeoutMs = 5_000,
): Promise<SharedCache> {
  if (!redisUrl) {
    return { cache: new InMemoryLRUCache({ maxSize: MEMORY_CACHE_BYTES }), kind: "memory", close: async () => {} };
  }
  const client = createRedisClient(redisUrl);
  let lastError = "";
  client.on("error", (error: Error) => {
    if (error.message !== lastError) log.warn({ err: error }, "redis cache connection problem");
    lastError = error.message;
  });
  await connectWithin([client], connectTimeoutMs, log);
  const redisCache: KeyValueCache<string> = {
    async get(key) {
      return (await client.get(keyPrefix + key).catch(() => null)) ?? undefined;
    },
    async set(key, value, options) {
      const ttl = options?.ttl;
      // A ttl of 0 would expire at once: nothing to keep.
      if (typeof ttl === "number" && ttl <= 0) return;
      // Milliseconds, so that a max-age is honoured exactly; no ttl (null) keeps the entry.
      const expiration =
        typeof ttl === "number" ? { expiration: { type: "PX", value: Math.ceil(ttl * 1000) } as const } : {};
      await client.set(keyPrefix + key, value, expiration).catch(() => undefined);
    },
    async delete(key) {
      await client.del(keyPrefix + key).catch(() => undefined);
    },
  };
  return {
    cache: redisCache,
    kind: "redis",
    redis: client,
    close: async () => {
      await client.close();
    },
  };
}
