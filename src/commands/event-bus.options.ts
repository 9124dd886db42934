import type { Config } from "../config.js";
import type { CreateEventBusOptions } from "../events/index.js";

/** The event bus settings of the configuration, the same for every command that opens one. */
export function eventBusOptions(config: Config): CreateEventBusOptions {
  return { channelPrefix: config.redisPrefix, bufferSize: config.subscriptions.bufferEvents };
}
