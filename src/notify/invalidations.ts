import type { Viewer } from "../auth/viewer.js";
import { requireReportAuthor } from "../auth/viewer.js";
import type { Db } from "../db/client.js";
import { reportParties } from "../db/queries/conversation.queries.js";
import { findInvalidation, markInvalid, unmarkInvalid } from "../db/queries/invalidation.queries.js";
import { findReportsByGuids } from "../db/queries/report.queries.js";
import type { ReportInvalidationRow } from "../db/schema/index.js";
import { badInput, notFound } from "../errors/index.js";
import { type EventBus, Topic } from "../events/index.js";
import { invalidMail, type Links } from "./mail.render.js";
import type { Outbox } from "./outbox.js";

/** The longest reason for marking a report invalid, in characters. */
export const MAX_REASON_LENGTH = 2_000;

/**
 * An author marks a report of their distribution invalid (the original's "type 3"): it leaves
 * every count at once and comes back when unmarked; the tester is told by mail.
 */
export class Invalidations {
  constructor(
    private readonly db: Db,
    private readonly outbox: Outbox,
    private readonly events: EventBus,
    private readonly links: Links,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async mark(viewer: Viewer, guid: string, reason: string): Promise<ReportInvalidationRow> {
    const why = reason.trim();
    if (why === "")
      throw badInput("reason: expected why the report is invalid", [{ message: "reason is empty", path: "/reason" }]);
    if (why.length > MAX_REASON_LENGTH) {
      throw badInput(`reason: at most ${MAX_REASON_LENGTH} characters, got ${why.length}`, [
        { message: "too long", path: "/reason" },
      ]);
    }
    const { parties, row } = await this.load(guid);
    const author = requireReportAuthor(viewer, parties);
    const at = this.now();
    const counts = await this.db.transaction((tx) => markInvalid(tx, row, { author, reason: why, at }));
    if (counts) {
      const { latestReportId: _internal, updatedAt, ...rest } = counts;
      this.events.emit(Topic.releaseUpdated, { ...rest, updatedAt: updatedAt.toISOString() });
      if (parties.testerEmail) {
        await this.outbox.send({
          ...invalidMail(this.links, parties.testerEmail, author, parties, why),
          kind: "invalid",
          idempotencyKey: `invalid:${guid}:${at.toISOString()}`,
        });
      }
    }
    const mark = await findInvalidation(this.db, row.guid);
    if (!mark) throw new Error(`invalidation of ${guid} not found after marking`);
    return mark;
  }

  /** Counts the report again; false when it was not marked. */
  async unmark(viewer: Viewer, guid: string): Promise<boolean> {
    const { parties, row } = await this.load(guid);
    requireReportAuthor(viewer, parties);
    const counts = await this.db.transaction((tx) => unmarkInvalid(tx, row));
    if (!counts) return false;
    const { latestReportId: _internal, updatedAt, ...rest } = counts;
    this.events.emit(Topic.releaseUpdated, { ...rest, updatedAt: updatedAt.toISOString() });
    return true;
  }

  private async load(guid: string) {
    const parties = await reportParties(this.db, guid);
    const [row] = await findReportsByGuids(this.db, [guid]);
    if (!parties || !row) throw notFound(`no counted report with GUID ${guid}`);
    return { parties, row };
  }
}
