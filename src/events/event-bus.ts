import type { PubSub } from "type-graphql";
import type { EventPayloads, Topic } from "./topics.js";

/**
 * Publish/subscribe between the ETL and the API. It is type-graphql's PubSub, so resolvers use it
 * directly, with typed helpers on top. Two implementations: in-process, and Redis for many processes.
 */
export interface EventBus extends PubSub {
  /** Fire and forget: a broken transport is logged, never thrown at the publisher. */
  emit<T extends Topic>(topic: T, payload: EventPayloads[T]): void;
  /** Events of `topic` as they arrive; ending the iteration unsubscribes. */
  on<T extends Topic>(topic: T, options?: SubscribeOptions<EventPayloads[T]>): AsyncIterableIterator<EventPayloads[T]>;
  /** Subscriptions to `topic` in this process (for metrics and tests). */
  subscribers(topic: Topic): number;
  /**
   * Whether an event of `topic` published now reaches this process's subscribers: with Redis,
   * once Redis has confirmed the topic's channel, and never while Redis is away.
   */
  delivers(topic: Topic): boolean;
  /** Counts since start (for metrics). */
  stats(): EventStats;
  close(): Promise<void>;
}

export interface EventStats {
  /** Events this process published. */
  published: number;
  /** Events queued for a local subscriber (one per subscriber that wanted it). */
  delivered: number;
  /** Events published while the transport was away (Redis down): nobody received them. */
  dropped: number;
  /** Subscriptions ended because their reader fell more than its buffer behind. */
  overflowed: number;
  /** Whether the transport can publish now (always, in process; with Redis, while it is connected). */
  connected: boolean;
}

export interface SubscribeOptions<Payload = unknown> {
  /** Events held for a slow reader before the subscription fails with SubscriberOverflowError. */
  bufferSize?: number;
  /**
   * Only events for which this returns true are delivered. It runs when an event is published,
   * before anything is queued, so an event a subscriber does not want costs it one call and no memory.
   */
  filter?: (payload: Payload) => boolean;
}

export interface EventBusOptions {
  /** Events held per subscriber when the subscription does not say; default DEFAULT_BUFFER_SIZE. */
  bufferSize?: number;
}

/** Default events held per subscriber: a few seconds of a busy feed. */
export const DEFAULT_BUFFER_SIZE = 1_000;

/** The reader fell behind by more than its buffer; the subscription ends with this error. */
export class SubscriberOverflowError extends Error {
  override name = "SubscriberOverflowError";
  constructor(
    readonly topic: string,
    readonly bufferSize: number,
  ) {
    super(`subscriber to ${topic} fell more than ${bufferSize} events behind`);
  }
}

/**
 * Delivers published events to the local subscribers of each topic. Both buses use it: the
 * in-process bus feeds it directly, the Redis bus feeds it with what arrives from Redis.
 */
export class LocalFanout {
  private readonly subscribers = new Map<string, Set<BoundedQueue<unknown>>>();
  delivered = 0;
  overflowed = 0;

  deliver(topic: string, payload: unknown): void {
    for (const queue of this.subscribers.get(topic) ?? []) {
      if (!queue.filter || queue.filter(payload)) {
        this.delivered += 1;
        if (!queue.push(payload)) this.overflowed += 1;
      }
    }
  }

  subscribe<T>(
    topic: string,
    options: { bufferSize: number; filter?: ((payload: T) => boolean) | undefined },
    onEmpty: () => void,
  ): AsyncIterableIterator<T> {
    let queues = this.subscribers.get(topic);
    if (!queues) this.subscribers.set(topic, (queues = new Set()));
    const queue: BoundedQueue<T> = new BoundedQueue<T>(topic, options.bufferSize, options.filter, () => {
      queues.delete(queue as BoundedQueue<unknown>);
      if (queues.size === 0) {
        this.subscribers.delete(topic);
        onEmpty();
      }
    });
    queues.add(queue as BoundedQueue<unknown>);
    return queue;
  }

  topics(): string[] {
    return [...this.subscribers.keys()];
  }

  hasSubscribers(topic: string): boolean {
    return this.subscribers.has(topic);
  }

  count(topic: string): number {
    return this.subscribers.get(topic)?.size ?? 0;
  }

  closeAll(): void {
    for (const queues of [...this.subscribers.values()]) for (const queue of [...queues]) void queue.return();
  }
}

/** An async iterator over pushed values that holds at most `limit` unread values. */
class BoundedQueue<T> implements AsyncIterableIterator<T> {
  private readonly buffer: T[] = [];
  private waiting: ((result: IteratorResult<T>) => void) | undefined;
  private failedWith: Error | undefined;
  private done = false;

  constructor(
    private readonly topic: string,
    private readonly limit: number,
    readonly filter: ((payload: T) => boolean) | undefined,
    private readonly onDone: () => void,
  ) {}

  /** False when this event overflowed the buffer and ended the subscription. */
  push(value: T): boolean {
    if (this.done) return true;
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = undefined;
      resolve({ value, done: false });
    } else if (this.buffer.length < this.limit) {
      this.buffer.push(value);
    } else {
      // Dropping events silently would hide the gap from the subscriber: fail loudly instead.
      this.failedWith = new SubscriberOverflowError(this.topic, this.limit);
      this.buffer.length = 0;
      this.finish();
      return false;
    }
    return true;
  }

  next(): Promise<IteratorResult<T>> {
    if (this.buffer.length > 0) return Promise.resolve({ value: this.buffer.shift() as T, done: false });
    if (this.failedWith) {
      const error = this.failedWith;
      this.failedWith = undefined;
      return Promise.reject(error);
    }
    if (this.done) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => (this.waiting = resolve));
  }

  return(): Promise<IteratorResult<T>> {
    this.buffer.length = 0;
    this.failedWith = undefined;
    this.finish();
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    return this;
  }

  private finish(): void {
    if (this.done) return;
    this.done = true;
    this.onDone();
    const resolve = this.waiting;
    this.waiting = undefined;
    resolve?.({ value: undefined, done: true });
  }
}
