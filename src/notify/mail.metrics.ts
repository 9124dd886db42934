import { Counter, Gauge, type Registry } from "prom-client";
import type { Db } from "../db/client.js";
import { outboxCounts } from "../db/queries/outbox.queries.js";

/** Mail for Prometheus: messages queued, sent (or kept), failed, and the age of the oldest waiting. */
export class MailMetrics {
  readonly queued: Counter<"kind">;
  readonly delivered: Counter<"kind" | "via">;
  readonly failed: Counter<"kind" | "final">;

  constructor(registry: Registry, db: Db) {
    this.queued = new Counter({
      name: "mail_messages_queued_total",
      help: "Messages put in the outbox, by kind (sign-in, report, digest, conversation, invalid)",
      labelNames: ["kind"] as const,
      registers: [registry],
    });
    this.delivered = new Counter({
      name: "mail_messages_sent_total",
      help: "Messages delivered, by kind and way (smtp, or mailbox: kept for the development mailbox)",
      labelNames: ["kind", "via"] as const,
      registers: [registry],
    });
    this.failed = new Counter({
      name: "mail_messages_failed_total",
      help: "Failed attempts at sending, by kind; final=true when the message was given up",
      labelNames: ["kind", "final"] as const,
      registers: [registry],
    });
    new Gauge({
      name: "mail_queue_age_seconds",
      help: "Age of the oldest message still waiting to be sent (0 when none)",
      registers: [registry],
      async collect() {
        const { oldestQueuedAt } = await outboxCounts(db);
        this.set(oldestQueuedAt ? Math.max(0, (Date.now() - oldestQueuedAt.getTime()) / 1000) : 0);
      },
    });
  }
}
