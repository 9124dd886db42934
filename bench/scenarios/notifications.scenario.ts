import { sql } from "drizzle-orm";
import { pino } from "pino";
import { ACCOUNT_DEFAULTS } from "../../src/config.js";
import { saveSettings } from "../../src/db/queries/notification.queries.js";
import { outboxMessages, uploads } from "../../src/db/schema/index.js";
import { processAll } from "../../src/etl/process-batch.js";
import { createMemoryEventBus } from "../../src/events/memory-event-bus.js";
import { createAccounts } from "../../src/notify/accounts.js";
import { DEFAULT_PREFERENCE, type Frequency } from "../../src/notify/preferences.js";
import { rowValues } from "../../src/notify/settings.rows.js";
import type { GeneratedReport } from "../generate/report.generate.js";
import { type BenchDatabaseTarget, openBenchDatabase } from "../harness/bench-database.js";
import type { Figure } from "../harness/results.js";
import { insertDocuments } from "../load/document.store.js";
import { toDocumentRow } from "../load/bulk-load.js";
import type { BenchContext, Scenario } from "../scenario.js";

/** A day of traffic and the authors behind it. */
const SIZES = { full: { reports: 30_000, authors: 10_000 }, smoke: { reports: 1_000, authors: 300 } };
const BATCH = 500;
const log = pino({ level: "error" });

export const scenario: Scenario = {
  name: "notifications",
  summary:
    "A day of reports counted by the ETL, then every author's mail computed and queued (each report looked at " +
    "once, instant messages and daily digests in the outbox); and the ETL with the notifier beside it against " +
    "the ETL alone.",
  order: 45,
  async run(context) {
    const size = context.options.smoke ? SIZES.smoke : SIZES.full;
    const reports = Array.from({ length: size.reports }, (_, i) =>
      context.generator.reportAt(context.generator.size + 50_000 + i),
    );
    context.say(`  ETL alone over ${size.reports} reports`);
    const alone = await run(context, await context.scratchDatabase(), reports, size.authors, false);
    context.say(`  ETL, then notifications for ${size.authors} authors with settings`);
    const withMail = await run(context, await context.scratchDatabase(), reports, size.authors, true);
    const figure = (contender: string, ms: number, unit = "reports/s"): Figure => ({
      contender,
      medianMs: ms,
      throughput: (size.reports / ms) * 1000,
      unit,
    });
    return {
      rows: [
        {
          case: `mail for ${size.reports} reports, ${size.authors} authors: computed and queued`,
          subject: figure("notifier + digests", withMail.notifyMs),
          baselines: [figure("ETL over the same reports", withMail.etlMs)],
          note: `${withMail.queued} messages queued in ${(withMail.notifyMs / 1000).toFixed(1)} s (target: within 60 s)`,
        },
        {
          case: `ETL over ${size.reports} reports, with notifications`,
          subject: figure("ETL + notifier", withMail.etlMs + withMail.scanMs),
          baselines: [figure("ETL alone", alone.etlMs)],
          note: `${((withMail.etlMs + withMail.scanMs) / alone.etlMs).toFixed(2)}× the ETL alone`,
        },
      ],
      notes: ["The instant notification's latency at 200 reports/s is not measured by this scenario yet."],
    };
  },
};

async function run(
  context: BenchContext,
  target: BenchDatabaseTarget,
  reports: GeneratedReport[],
  authors: number,
  notify: boolean,
): Promise<{ etlMs: number; scanMs: number; notifyMs: number; queued: number }> {
  const database = await openBenchDatabase(target);
  try {
    const db = database.db;
    const now = new Date("2026-03-01T12:00:00Z");
    const accounts = createAccounts(
      { ...ACCOUNT_DEFAULTS, smtpUrl: undefined, publicBaseUrl: "https://bench.example", notifyInProcess: false },
      { database, events: createMemoryEventBus(), log, limiter: undefined, windowSeconds: 60, now: () => now },
    );
    if (notify) {
      // Every release has an author; a third of the authors want every report, the rest a daily digest.
      const releases = [
        ...new Map(
          reports.map((r) => [`${r.document.distribution.name}\0${r.document.distribution.version}`, r]),
        ).values(),
      ];
      for (let i = 0; i < releases.length; i += BATCH) {
        await db
          .insert(uploads)
          .values(
            releases.slice(i, i + BATCH).map((r, j) => ({
              dist: r.document.distribution.name,
              version: r.document.distribution.version,
              author: `AUTHOR${(i + j) % authors}`,
            })),
          )
          .onConflictDoNothing();
      }
      for (let a = 0; a < authors; a++) {
        const frequency: Frequency = a % 3 === 0 ? "report" : "daily";
        const pref = {
          ...DEFAULT_PREFERENCE,
          frequency,
          grades: ["pass", "fail", "na", "unknown"] as const,
          firstOnly: false,
        };
        await saveSettings(
          db,
          `AUTHOR${a}`,
          "",
          rowValues({ ...pref, grades: [...pref.grades] }, { ignoredDists: [], timeZone: "UTC" }),
          now,
        );
      }
      await accounts.notifier.scan();
    }
    const rows = reports.map((report) => toDocumentRow(report, "bench-notify", false));
    for (let start = 0; start < rows.length; start += BATCH)
      await insertDocuments(db, rows.slice(start, start + BATCH));
    let started = performance.now();
    await processAll({ db, log }, BATCH);
    const etlMs = performance.now() - started;
    if (!notify) return { etlMs, scanMs: 0, notifyMs: 0, queued: 0 };
    started = performance.now();
    await accounts.notifier.scanAll();
    const scanMs = performance.now() - started;
    await accounts.notifier.digests(new Date("2026-03-02T00:05:00Z"));
    const notifyMs = performance.now() - started;
    const [counted] = await db.select({ n: sql<number>`count(*)::int` }).from(outboxMessages);
    context.say(
      `    ETL ${etlMs.toFixed(0)} ms; notifier ${scanMs.toFixed(0)} ms; with digests ${notifyMs.toFixed(0)} ms; ${counted?.n} messages`,
    );
    return { etlMs, scanMs, notifyMs, queued: counted?.n ?? 0 };
  } finally {
    await database.close();
  }
}
