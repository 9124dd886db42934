import { DEFAULT_BUFFER_SIZE, type EventBus, LocalFanout } from "./event-bus.js";

/** Events that stay inside this process: the embedded default, with the ETL running in-process. */
export function createMemoryEventBus(): EventBus {
  const fanout = new LocalFanout();
  const publish = (topic: string, payload: unknown) => {
    // A copy per publish keeps subscribers from sharing (and mutating) the publisher's object,
    // exactly as with Redis, where every payload is serialised.
    fanout.deliver(topic, structuredClone(payload));
  };
  const subscribe = (topic: string, bufferSize = DEFAULT_BUFFER_SIZE) =>
    fanout.subscribe(topic, bufferSize, () => undefined);

  return {
    publish,
    emit: publish,
    subscribe: (topic) => subscribe(topic),
    on: (topic, options) => subscribe(topic, options?.bufferSize) as never,
    close: async () => fanout.closeAll(),
  };
}
