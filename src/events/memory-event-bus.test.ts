import { describe, expect, it } from "vitest";
import { SubscriberOverflowError } from "./event-bus.js";
import { createMemoryEventBus } from "./memory-event-bus.js";
import { Topic, type UploadAddedPayload } from "./topics.js";

const upload = (version: string): UploadAddedPayload => ({
  dist: "Foo-Bar",
  version,
  author: "ALICE",
  filename: `Foo-Bar-${version}.tar.gz`,
  releasedAt: "2026-01-01T00:00:00.000Z",
  maturity: "stable",
});

describe("in-process event bus", () => {
  it("delivers each event to every subscriber of its topic, in order, as a copy", async () => {
    const bus = createMemoryEventBus();
    const first = bus.on(Topic.uploadAdded);
    const second = bus.on(Topic.uploadAdded);
    const other = bus.on(Topic.releaseUpdated);
    const event = upload("1.0");
    bus.emit(Topic.uploadAdded, event);
    bus.emit(Topic.uploadAdded, upload("1.1"));

    expect((await first.next()).value).toEqual(upload("1.0"));
    expect((await first.next()).value).toEqual(upload("1.1"));
    const received: unknown = (await second.next()).value;
    expect(received).toEqual(event);
    expect(received).not.toBe(event);
    await other.return?.();
    expect(await other.next()).toEqual({ value: undefined, done: true });
    await bus.close();
  });

  it("stops delivering once a subscriber returns", async () => {
    const bus = createMemoryEventBus();
    const subscription = bus.on(Topic.uploadAdded);
    await subscription.return?.();
    bus.emit(Topic.uploadAdded, upload("1.0"));
    expect(await subscription.next()).toEqual({ value: undefined, done: true });
  });

  it("fails a subscriber that falls more than its buffer behind, and only that one", async () => {
    const bus = createMemoryEventBus();
    const slow = bus.on(Topic.uploadAdded, { bufferSize: 2 });
    const fast = bus.on(Topic.uploadAdded, { bufferSize: 10 });
    for (const version of ["1", "2", "3"]) bus.emit(Topic.uploadAdded, upload(version));

    await expect(slow.next()).rejects.toEqual(new SubscriberOverflowError(Topic.uploadAdded, 2));
    expect(await slow.next()).toEqual({ value: undefined, done: true });
    const versions = [];
    for (let i = 0; i < 3; i++) versions.push(((await fast.next()).value as UploadAddedPayload).version);
    expect(versions).toEqual(["1", "2", "3"]);
  });

  it("queues only the events a subscriber's filter accepts, and counts subscribers", async () => {
    const bus = createMemoryEventBus({ bufferSize: 1 });
    const wanted = bus.on(Topic.uploadAdded, { filter: (event) => event.version === "2" });
    const everything = bus.on(Topic.uploadAdded, { bufferSize: 10 });
    expect(bus.subscribers(Topic.uploadAdded)).toBe(2);
    // Three events would overflow a buffer of one, were the unwanted ones queued.
    for (const version of ["1", "2", "3"]) bus.emit(Topic.uploadAdded, upload(version));

    expect(((await wanted.next()).value as UploadAddedPayload).version).toBe("2");
    const versions = [];
    for (let i = 0; i < 3; i++) versions.push(((await everything.next()).value as UploadAddedPayload).version);
    expect(versions).toEqual(["1", "2", "3"]);
    await wanted.return?.();
    expect(bus.subscribers(Topic.uploadAdded)).toBe(1);
    await bus.close();
    expect(bus.subscribers(Topic.uploadAdded)).toBe(0);
  });

  it("ends every subscription on close", async () => {
    const bus = createMemoryEventBus();
    const subscription = bus.on(Topic.reportProcessed);
    const pending = subscription.next();
    await bus.close();
    expect(await pending).toEqual({ value: undefined, done: true });
  });
});
