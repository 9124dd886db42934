import type { Logger } from "../log.js";
import type { EventBus, EventBusOptions } from "./event-bus.js";
import { createMemoryEventBus } from "./memory-event-bus.js";
import { createRedisEventBus } from "./redis-event-bus.js";

export * from "./event-bus.js";
export * from "./event-filters.js";
export * from "./topics.js";

export interface CreateEventBusOptions extends EventBusOptions {
  /** Prepended to every Redis channel (REDIS_PREFIX). */
  channelPrefix?: string;
}

/** Redis pub/sub when a URL is given, otherwise events stay in this process. */
export function createEventBus(
  redisUrl: string | undefined,
  log: Logger,
  options: CreateEventBusOptions = {},
): Promise<EventBus> {
  const { channelPrefix, ...busOptions } = options;
  return redisUrl
    ? createRedisEventBus(redisUrl, log, channelPrefix, busOptions)
    : Promise.resolve(createMemoryEventBus(busOptions));
}
