import type { Db } from "../db/client.js";
import {
  addPending,
  dropPending,
  dueDigests,
  firstOfTheirKind,
  lockCursor,
  moveCursor,
  type ReportToNotify,
  reportsAfter,
  reportsByIds,
  settingsOfAuthors,
  takePending,
} from "../db/queries/notification.queries.js";
import { unsubscribeTokenOf, unsubscribeTokensOf } from "../db/queries/outbox.queries.js";
import type { NotificationSettingsRow } from "../db/schema/index.js";
import { type Links, reportsMail } from "./mail.render.js";
import type { Outbox } from "./outbox.js";
import { DEFAULT_PREFERENCE, type Preference, wants } from "./preferences.js";
import { preferenceOfRow } from "./settings.rows.js";

/** A report of a release whose author is known: the only ones anybody is mailed about. */
type AuthoredReport = ReportToNotify & { author: string };
const hasAuthor = (report: ReportToNotify): report is AuthoredReport => report.author !== null;

/** Reports one notifier transaction looks at, at most. */
export const NOTIFY_BATCH = 2_000;

/**
 * Turns counted reports into mail. The notifier walks the report table by id behind a cursor
 * that moves in the same transaction as what it queues, so a crash never skips a report and
 * never queues one twice: "every report" authors get a message queued at once, digest authors a
 * waiting row that their next digest takes.
 */
export class Notifier {
  constructor(
    private readonly db: Db,
    private readonly outbox: Outbox,
    private readonly links: Links,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Looks at the next batch of counted reports; how many it looked at (0: up to date). */
  async scan(limit = NOTIFY_BATCH): Promise<number> {
    const queued: number[] = [];
    const seen = await this.db.transaction(async (tx) => {
      const cursor = await lockCursor(tx);
      const batch = await reportsAfter(tx, cursor, limit);
      const last = batch.at(-1);
      if (!last) return 0;
      const authored = batch.filter(hasAuthor);
      const settings = settingsByAuthor(await settingsOfAuthors(tx, [...new Set(authored.map((r) => r.author))]));
      const wanted: { report: AuthoredReport; pref: Preference }[] = [];
      for (const report of authored) {
        const pref = preferenceFor(settings.get(report.author), report.dist);
        if (pref && wants(pref, report, report.latestVersion ?? undefined)) wanted.push({ report, pref });
      }
      const firsts = await firstOfTheirKind(
        tx,
        wanted.filter((w) => w.pref.firstOnly).map((w) => w.report.id),
      );
      const pending: { author: string; reportId: number }[] = [];
      const instant: AuthoredReport[] = [];
      for (const { report, pref } of wanted) {
        if (pref.firstOnly && !firsts.has(report.id)) continue;
        if (pref.frequency === "report") instant.push(report);
        else pending.push({ author: report.author, reportId: report.id });
      }
      // One statement each for the tokens and the messages of a whole batch.
      const tokens = await unsubscribeTokensOf(tx, [...new Set(instant.map((r) => r.author))]);
      const messages = instant.map((report) => {
        const { author } = report;
        const title = `${report.grade.toUpperCase()} ${report.dist} ${report.version} perl ${report.perl} on ${report.platform}`;
        return {
          ...reportsMail(this.links, author, [report], title, tokens.get(author) ?? ""),
          kind: "report",
          idempotencyKey: `report:${author}:${report.guid}`,
        };
      });
      queued.push(...(await this.outbox.addMany(tx, messages)));
      await addPending(tx, pending, this.now());
      await moveCursor(tx, last.id);
      return batch.length;
    });
    if (queued.length > 0) await this.outbox.scheduler.schedule(queued);
    return seen;
  }

  /** Scans until up to date; how many reports it looked at. */
  async scanAll(limit = NOTIFY_BATCH): Promise<number> {
    let total = 0;
    for (let seen = await this.scan(limit); seen > 0; seen = await this.scan(limit)) total += seen;
    return total;
  }

  /**
   * Queues the digest of every author whose period (in their time zone) has ended with reports
   * waiting. Each digest is taken from the waiting rows and queued in one transaction, under a key
   * naming the author and the period: run twice, it queues nothing the second time.
   */
  async digests(now = this.now()): Promise<number> {
    const due = await dueDigests(this.db, now, DEFAULT_PREFERENCE);
    let queued = 0;
    for (const digest of due) {
      const id = await this.db.transaction(async (tx) => {
        const ids = await takePending(tx, digest.author, digest.periodStart);
        const reports = await reportsByIds(tx, ids);
        if (reports.length === 0) return undefined;
        const token = await unsubscribeTokenOf(tx, digest.author);
        return this.outbox.add(tx, {
          ...reportsMail(
            this.links,
            digest.author,
            reports,
            digestTitle(digest.frequency, digest.author, reports),
            token,
          ),
          kind: "digest",
          idempotencyKey: `digest:${digest.author}:${digest.frequency}:${digest.periodStart.toISOString()}`,
        });
      });
      if (id !== undefined) {
        queued += 1;
        await this.outbox.scheduler.schedule([id]);
      }
    }
    return queued;
  }

  /** After settings change to "every report" or "never": nothing waits for a digest any more. */
  async settingsChanged(author: string, frequency: string): Promise<void> {
    if (frequency === "never" || frequency === "report") await dropPending(this.db, author);
  }
}

function digestTitle(frequency: string, author: string, reports: readonly ReportToNotify[]): string {
  const n = reports.length;
  return `CPAN Testers ${frequency} summary for ${author}: ${n} report${n === 1 ? "" : "s"}`;
}

type AuthorSettings = { default: NotificationSettingsRow | undefined; dists: Map<string, NotificationSettingsRow> };

function settingsByAuthor(rows: readonly NotificationSettingsRow[]): Map<string, AuthorSettings> {
  const byAuthor = new Map<string, AuthorSettings>();
  for (const row of rows) {
    const entry = byAuthor.get(row.author) ?? { default: undefined, dists: new Map() };
    if (row.dist === "") entry.default = row;
    else entry.dists.set(row.dist, row);
    byAuthor.set(row.author, entry);
  }
  return byAuthor;
}

/** The preference that applies to a distribution: its override, else the author's default; none when ignored. */
function preferenceFor(settings: AuthorSettings | undefined, dist: string): Preference | undefined {
  if (!settings) return DEFAULT_PREFERENCE;
  if (settings.default?.ignoredDists.includes(dist)) return undefined;
  const override = settings.dists.get(dist);
  const base = settings.default ? preferenceOfRow(settings.default) : DEFAULT_PREFERENCE;
  // A digest goes out on the author's schedule: an override chooses what, and "report" or "never".
  return override ? preferenceOfRow(override) : base;
}
