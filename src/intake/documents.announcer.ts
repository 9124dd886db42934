import type { Db } from "../db/client.js";
import { announceDocuments } from "../db/queries/document.queries.js";
import type { Logger } from "../log.js";

/**
 * Tells ETL workers that documents were stored, after they are committed. Its own small NOTIFY,
 * never part of the intake's INSERT: a transaction that NOTIFYs holds Postgres's global
 * notification lock through its commit, so NOTIFYing from every intake commit would make them
 * wait for each other's disk flushes. Announcements coalesce: at most one is under way, and any
 * number asked for meanwhile become one more.
 */
export class DocumentsAnnouncer {
  private sending = false;
  private pending = false;

  constructor(
    private readonly db: Db,
    private readonly log: Logger,
  ) {}

  announce(): void {
    this.pending = true;
    if (!this.sending) void this.send();
  }

  private async send(): Promise<void> {
    this.sending = true;
    while (this.pending) {
      this.pending = false;
      try {
        await announceDocuments(this.db);
      } catch (error) {
        // Workers also poll; a lost wake-up delays processing, it loses nothing.
        this.log.warn({ err: error }, "could not wake the ETL workers");
      }
    }
    this.sending = false;
  }
}
