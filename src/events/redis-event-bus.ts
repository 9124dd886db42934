import { createClient } from "redis";
import type { Logger } from "../log.js";
import { DEFAULT_BUFFER_SIZE, type EventBus, LocalFanout } from "./event-bus.js";

/**
 * Events through Redis pub/sub, so that any API process serves subscribers of events published by
 * any ETL process. Each process holds one Redis subscription per topic that has local subscribers
 * and fans its messages out locally.
 *
 * Redis is not on the critical path: while it is down, publishing logs and drops (intake, queries
 * and the ETL carry on) and node-redis reconnects and resubscribes on its own.
 */
export async function createRedisEventBus(
  url: string,
  log: Logger,
  /** Prepended to every channel, so that several deployments (or test runs) can share one Redis. */
  channelPrefix = "cpantesters:",
): Promise<EventBus> {
  const fanout = new LocalFanout();
  const publisher = createClient({
    url,
    // Without this, commands issued while disconnected queue in memory without bound.
    disableOfflineQueue: true,
    socket: { reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 2_000) },
  });
  const subscriber = publisher.duplicate();
  let lastError = "";
  for (const [role, client] of [
    ["publisher", publisher],
    ["subscriber", subscriber],
  ] as const) {
    client.on("error", (error: Error) => {
      // Reconnection retries repeat the same error; say it once per outage.
      if (error.message !== lastError) log.warn({ err: error, role }, "redis connection problem");
      lastError = error.message;
    });
    client.on("ready", () => {
      if (lastError) log.info({ role }, "redis connection restored");
      lastError = "";
    });
  }
  await Promise.all([publisher.connect(), subscriber.connect()]);

  const onMessage = (message: string, channel: string) => {
    fanout.deliver(channel.slice(channelPrefix.length), JSON.parse(message));
  };
  const subscribe = (topic: string, bufferSize = DEFAULT_BUFFER_SIZE) => {
    if (!fanout.hasSubscribers(topic)) {
      subscriber.subscribe(channelPrefix + topic, onMessage).catch((error: unknown) => {
        log.warn({ err: error, topic }, "redis subscribe failed; it is retried on reconnect");
      });
    }
    return fanout.subscribe(topic, bufferSize, () => {
      subscriber.unsubscribe(channelPrefix + topic).catch(() => undefined);
    });
  };
  const publish = (topic: string, payload: unknown) => {
    publisher.publish(channelPrefix + topic, JSON.stringify(payload)).catch((error: unknown) => {
      log.warn({ err: error, topic }, "event not published: redis unavailable");
    });
  };

  return {
    publish,
    emit: publish,
    subscribe: (topic) => subscribe(topic),
    on: (topic, options) => subscribe(topic, options?.bufferSize) as never,
    async close() {
      fanout.closeAll();
      await Promise.allSettled([publisher.close(), subscriber.close()]);
    },
  };
}
