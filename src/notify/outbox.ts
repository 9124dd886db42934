import type { Db } from "../db/client.js";
import {
  dueMessageIds,
  enqueueMessage,
  enqueueMessages,
  findMessage,
  markAttemptFailed,
  markDelivered,
  type NewOutboxMessage,
} from "../db/queries/outbox.queries.js";
import { OutboxStatus } from "../db/schema/index.js";
import { rootMessage } from "../errors/index.js";
import type { Logger } from "../log.js";
import type { MailMetrics } from "./mail.metrics.js";
import { type MailTransport, PermanentMailError } from "./mail.transport.js";

/** How a message waits for its turn: a durable job queue (pg-boss), or at once in tests. */
export interface DeliveryScheduler {
  /** Asks for delivery of these messages, at `at` (a retry) or as soon as possible. */
  schedule(ids: readonly number[], at?: Date): Promise<void>;
}

export interface OutboxSettings {
  maxAttempts: number;
  retryBaseSeconds: number;
}

/**
 * Every message goes through here: rendered into the outbox once per idempotency key, then
 * delivered by a job. A job for a message no longer queued does nothing, so a duplicate job never
 * sends twice; a failed attempt is retried with back-off, a permanent refusal (5xx) is final.
 */
export class Outbox {
  scheduler: DeliveryScheduler = { schedule: async () => undefined };

  constructor(
    private readonly db: Db,
    private readonly transport: MailTransport,
    private readonly settings: OutboxSettings,
    private readonly log: Logger,
    private readonly metrics: MailMetrics | undefined,
    private readonly now: () => Date = () => new Date(),
  ) {}

  get via(): "smtp" | "mailbox" {
    return this.transport.via;
  }

  /** Puts a message in the outbox (inside the caller's transaction when `tx` is one); its id, or undefined when already there. */
  async add(tx: Db, message: NewOutboxMessage): Promise<number | undefined> {
    const id = await enqueueMessage(tx, message, this.now());
    if (id !== undefined) this.metrics?.queued.inc({ kind: message.kind });
    return id;
  }

  /** Puts many messages in the outbox in one statement; the ids of those not there before. */
  async addMany(tx: Db, messages: readonly NewOutboxMessage[]): Promise<number[]> {
    const ids = await enqueueMessages(tx, messages, this.now());
    // Counted by kind only when every message was new (the usual case); else as one kind.
    for (const message of messages.slice(0, ids.length)) this.metrics?.queued.inc({ kind: message.kind });
    return ids;
  }

  /** Adds and asks for delivery at once (outside any transaction). */
  async send(message: NewOutboxMessage): Promise<number | undefined> {
    const id = await this.add(this.db, message);
    if (id !== undefined) await this.scheduler.schedule([id]);
    return id;
  }

  /** One attempt at delivering a message; the outcome is written to its row. */
  async deliver(id: number): Promise<OutboxStatus | undefined> {
    const message = await findMessage(this.db, id);
    if (!message || message.status !== OutboxStatus.queued) return message?.status;
    try {
      await this.transport.send(message);
      const status = this.transport.via === "smtp" ? OutboxStatus.sent : OutboxStatus.kept;
      await markDelivered(this.db, id, status, this.now());
      this.metrics?.delivered.inc({ kind: message.kind, via: this.transport.via });
      return status;
    } catch (error) {
      const attempts = message.attempts + 1;
      const final = error instanceof PermanentMailError || attempts >= this.settings.maxAttempts;
      const retryAt = final
        ? undefined
        : new Date(this.now().getTime() + this.settings.retryBaseSeconds * 1000 * 2 ** (attempts - 1));
      await markAttemptFailed(this.db, id, rootMessage(error), retryAt);
      this.metrics?.failed.inc({ kind: message.kind, final: String(final) });
      this.log.warn({ err: error, outboxId: id, attempts, final }, "mail delivery failed");
      if (retryAt) await this.scheduler.schedule([id], retryAt);
      return final ? OutboxStatus.failed : OutboxStatus.queued;
    }
  }

  /** Asks again for every queued message that is due: those whose job was lost with a process. */
  async sweep(): Promise<number> {
    const ids = await dueMessageIds(this.db, new Date(this.now().getTime() - 60_000), 1_000);
    if (ids.length > 0) await this.scheduler.schedule(ids);
    return ids.length;
  }
}
