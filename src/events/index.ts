import type { Logger } from "../log.js";
import type { EventBus } from "./event-bus.js";
import { createMemoryEventBus } from "./memory-event-bus.js";
import { createRedisEventBus } from "./redis-event-bus.js";

export * from "./event-bus.js";
export * from "./topics.js";

/** Redis pub/sub when a URL is given, otherwise events stay in this process. */
export function createEventBus(redisUrl: string | undefined, log: Logger): Promise<EventBus> {
  return redisUrl ? createRedisEventBus(redisUrl, log) : Promise.resolve(createMemoryEventBus());
}
