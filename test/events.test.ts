import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EventBus } from "../src/events/index.js";
import { Topic, type UploadAddedPayload } from "../src/events/index.js";
import { testBackends } from "./helpers/database.js";
import { createTestEventBus } from "./helpers/server.js";

const upload: UploadAddedPayload = {
  dist: "Foo-Bar",
  version: "1.0",
  author: "ALICE",
  filename: "Foo-Bar-1.0.tar.gz",
  releasedAt: "2026-01-01T00:00:00.000Z",
  maturity: "stable",
};

describe.each(testBackends())("event bus on $name", (backend) => {
  let publisher: EventBus;
  let subscriber: EventBus;
  beforeAll(async () => {
    // With Redis, two buses stand for two processes: the ETL publishing, an API instance
    // subscribing. In-process, both sides share the one bus of the process.
    const prefix = `test-${process.pid}-${Date.now()}:`;
    publisher = await createTestEventBus(backend, prefix);
    subscriber = backend.redisUrl ? await createTestEventBus(backend, prefix) : publisher;
  });
  afterAll(async () => {
    await publisher.close();
    await subscriber.close();
  });

  it("carries an event from the publisher to a subscriber", async () => {
    const subscription = subscriber.on(Topic.uploadAdded);
    // The subscription reaches Redis asynchronously; publish until the first event arrives.
    const next = subscription.next();
    const timer = setInterval(() => publisher.emit(Topic.uploadAdded, upload), 20);
    try {
      expect((await next).value).toEqual(upload);
    } finally {
      clearInterval(timer);
      await subscription.return?.();
    }
  });
});
