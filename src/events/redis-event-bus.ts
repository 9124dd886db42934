import type { Logger } from "../log.js";
import { connectWithin, createRedisClient } from "../redis.js";
import { DEFAULT_BUFFER_SIZE, type EventBus, type EventBusOptions, LocalFanout } from "./event-bus.js";

export interface RedisEventBusOptions extends EventBusOptions {
  /** How long start-up waits for Redis before going on without it (it connects when it can). */
  connectTimeoutMs?: number;
}

/**
 * Events through Redis pub/sub, so that any API process serves subscribers of events published by
 * any ETL process. Each process holds one Redis subscription per topic that has local subscribers
 * and fans its messages out locally.
 *
 * Redis is not on the critical path: while it is down, publishing drops events (logged once per
 * outage with their number; intake, queries and the ETL carry on), local subscriptions stay open,
 * and they receive events again once Redis is back, without the clients reconnecting. Events
 * published during the outage are lost: pub/sub keeps nothing for absent listeners.
 */
export async function createRedisEventBus(
  url: string,
  log: Logger,
  /** Prepended to every channel, so that several deployments (or test runs) can share one Redis. */
  channelPrefix = "cpantesters:",
  options: RedisEventBusOptions = {},
): Promise<EventBus> {
  const fanout = new LocalFanout();
  const defaultBufferSize = options.bufferSize ?? DEFAULT_BUFFER_SIZE;
  const publisher = createRedisClient(url);
  const subscriber = publisher.duplicate();
  /** Topics whose channel Redis has confirmed on the current connection: they deliver. */
  const confirmed = new Set<string>();
  let dropped = 0;
  /** Since start, for metrics (`dropped` is per outage, for the log). */
  let droppedTotal = 0;
  let published = 0;
  let lastError = "";

  for (const [role, client] of [
    ["publisher", publisher],
    ["subscriber", subscriber],
  ] as const) {
    client.on("error", (error: Error) => {
      if (role === "subscriber") confirmed.clear();
      // Reconnection retries repeat the same error; say it once per outage.
      if (error.message !== lastError) log.warn({ err: error, role }, "redis connection problem");
      lastError = error.message;
    });
    client.on("ready", () => {
      if (lastError) log.info({ role }, "redis connection restored");
      lastError = "";
      if (role === "publisher" && dropped > 0) {
        log.warn({ dropped }, "events dropped while redis was unavailable");
        dropped = 0;
      }
      // node-redis sends SUBSCRIBE again, before "ready", for every channel it had confirmed. One
      // whose SUBSCRIBE was rejected meanwhile (with disableOfflineQueue, every failed reconnection
      // attempt rejects what is queued) is not among them and would stay deaf: subscribe each
      // local topic again (a no-op for the restored ones) and count it as delivering once confirmed.
      if (role === "subscriber") for (const topic of fanout.topics()) listen(topic);
    });
  }

  const onMessage = (message: string, channel: string) => {
    const topic = channel.slice(channelPrefix.length);
    let payload: unknown;
    try {
      payload = JSON.parse(message);
    } catch (error) {
      // Someone else publishing on our channel must not take the process down.
      log.warn({ err: error, channel }, "ignoring a malformed event from redis");
      return;
    }
    fanout.deliver(topic, payload);
  };
  const listen = (topic: string) => {
    subscriber.subscribe(channelPrefix + topic, onMessage).then(
      () => {
        if (fanout.hasSubscribers(topic) && subscriber.isReady) confirmed.add(topic);
      },
      (error: unknown) => log.debug({ err: error, topic }, "redis subscribe failed; retried when redis is back"),
    );
  };
  const subscribe = (topic: string, bufferSize: number, filter?: (payload: unknown) => boolean) => {
    if (!fanout.hasSubscribers(topic)) listen(topic);
    return fanout.subscribe(topic, { bufferSize, filter }, () => {
      confirmed.delete(topic);
      subscriber.unsubscribe(channelPrefix + topic).catch(() => undefined);
    });
  };
  const publish = (topic: string, payload: unknown) => {
    published += 1;
    if (!publisher.isReady) {
      dropped += 1;
      droppedTotal += 1;
      return;
    }
    publisher.publish(channelPrefix + topic, JSON.stringify(payload)).catch(() => {
      dropped += 1;
      droppedTotal += 1;
    });
  };

  await connectWithin([publisher, subscriber], options.connectTimeoutMs ?? 5_000, log);

  return {
    publish,
    emit: publish,
    subscribe: (topic) => subscribe(topic, defaultBufferSize),
    on: (topic, subscribeOptions) =>
      subscribe(topic, subscribeOptions?.bufferSize ?? defaultBufferSize, subscribeOptions?.filter as never) as never,
    subscribers: (topic) => fanout.count(topic),
    // Both connections count: in a process that publishes too (the embedded ETL), an event
    // published while its publisher is away reaches nobody.
    delivers: (topic) => confirmed.has(topic) && publisher.isReady,
    stats: () => ({
      published,
      delivered: fanout.delivered,
      dropped: droppedTotal,
      overflowed: fanout.overflowed,
      connected: publisher.isReady,
    }),
    async close() {
      fanout.closeAll();
      // close() lets pending publishes finish; a client that never connected has nothing to finish.
      for (const client of [publisher, subscriber]) if (!client.isReady) client.destroy();
      await Promise.allSettled([publisher, subscriber].filter((c) => c.isOpen).map((c) => c.close()));
    },
  };
}
