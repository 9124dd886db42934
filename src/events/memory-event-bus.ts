import { DEFAULT_BUFFER_SIZE, type EventBus, type EventBusOptions, LocalFanout } from "./event-bus.js";

/** Events that stay inside this process: the embedded default, with the ETL running in-process. */
export function createMemoryEventBus(options: EventBusOptions = {}): EventBus {
  const fanout = new LocalFanout();
  const defaultBufferSize = options.bufferSize ?? DEFAULT_BUFFER_SIZE;
  let published = 0;
  const publish = (topic: string, payload: unknown) => {
    published += 1;
    // A copy per publish keeps subscribers from sharing (and mutating) the publisher's object,
    // exactly as with Redis, where every payload is serialised.
    fanout.deliver(topic, structuredClone(payload));
  };

  return {
    publish,
    emit: publish,
    subscribe: (topic) => fanout.subscribe(topic, { bufferSize: defaultBufferSize }, () => undefined),
    on: (topic, subscribeOptions) =>
      fanout.subscribe(
        topic,
        { bufferSize: subscribeOptions?.bufferSize ?? defaultBufferSize, filter: subscribeOptions?.filter as never },
        () => undefined,
      ) as never,
    subscribers: (topic) => fanout.count(topic),
    delivers: () => true,
    stats: () => ({
      published,
      delivered: fanout.delivered,
      dropped: 0,
      overflowed: fanout.overflowed,
      connected: true,
    }),
    close: async () => fanout.closeAll(),
  };
}
