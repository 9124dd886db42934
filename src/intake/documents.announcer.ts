import { setTimeout as delay } from "node:timers/promises";
import type { Db } from "../db/client.js";
import { announceDocuments } from "../db/queries/document.queries.js";
import type { Logger } from "../log.js";

/**
 * Tells ETL workers that documents were stored, after they are committed. Its own small NOTIFY,
 * never part of the intake's INSERT: a transaction that NOTIFYs holds Postgres's global
 * notification lock through its commit, so NOTIFYing from every intake commit would make them
 * wait for each other's disk flushes. Announcements coalesce: at most one per `minIntervalMs`,
 * and any number asked for meanwhile become one more at the end of the interval. Under load that
 * spares a round trip to Postgres (and one to every listening worker) per intake commit; a worker
 * already busy with a batch needs no more than one wake-up anyway.
 */
export class DocumentsAnnouncer {
  private sending = false;
  private pending = false;

  constructor(
    private readonly db: Db,
    private readonly log: Logger,
    private readonly minIntervalMs = 5,
  ) {}

  announce(): void {
    this.pending = true;
    if (!this.sending) void this.send();
  }

  private async send(): Promise<void> {
    this.sending = true;
    while (this.pending) {
      this.pending = false;
      const started = performance.now();
      try {
        await announceDocuments(this.db);
      } catch (error) {
        // Workers also poll; a lost wake-up delays processing, it loses nothing.
        this.log.warn({ err: error }, "could not wake the ETL workers");
      }
      const rest = this.minIntervalMs - (performance.now() - started);
      if (rest > 0) await delay(rest);
    }
    this.sending = false;
  }
}
