import { sql } from "drizzle-orm";
import { pino } from "pino";
import { ACCOUNT_DEFAULTS } from "../../src/config.js";
import { outboxMessages } from "../../src/db/schema/index.js";
import { processAll } from "../../src/etl/process-batch.js";
import { createMemoryEventBus } from "../../src/events/memory-event-bus.js";
import { createAccounts } from "../../src/notify/accounts.js";
import type { Frequency } from "../../src/notify/preferences.js";
import type { GeneratedReport } from "../generate/report.generate.js";
import { type BenchDatabaseTarget, openBenchDatabase } from "../harness/bench-database.js";
import type { Figure, ResultRow } from "../harness/results.js";
import { summarise } from "../harness/stats.js";
import { insertDocuments } from "../load/document.store.js";
import { toDocumentRow } from "../load/bulk-load.js";
import { type LiveRun, runLive } from "../notify/live-notify.js";
import { seedAuthors } from "../notify/seed-authors.js";
import type { BenchContext, Scenario } from "../scenario.js";

/**
 * A day of traffic and the authors behind it; instant mail at 200 reports/s for `seconds`; and
 * intake + ETL throughput, with notifications and without, over `reports` submitted back to back.
 */
const SIZES = {
  full: { day: { reports: 30_000, authors: 10_000 }, instant: { rate: 200, seconds: 30 }, throughput: 5_000 },
  smoke: { day: { reports: 1_000, authors: 300 }, instant: { rate: 200, seconds: 3 }, throughput: 400 },
};
/** Authors of the live cases. */
const LIVE_AUTHORS = 1_000;
const TARGETS = { dayMs: 60_000, instantMs: 5_000 };
const BATCH = 500;
const log = pino({ level: "error" });

export const scenario: Scenario = {
  name: "notifications",
  summary:
    "A day of reports counted by the ETL, then every author's mail computed and queued (each report looked at " +
    "once, instant messages and daily digests in the outbox); instant mail at 200 reports/s through the running " +
    "platform, from a report's ETL transaction to its message in the outbox; and intake + ETL throughput with " +
    "notifications on against off.",
  order: 45,
  async run(context) {
    const sizes = context.options.smoke ? SIZES.smoke : SIZES.full;
    const rows: ResultRow[] = [];
    rows.push(...(await dayOfMail(context, sizes.day)));
    rows.push(await instantMail(context, sizes.instant));
    rows.push(...(await throughput(context, sizes.throughput)));
    return {
      rows,
      notes: [
        "The live cases run the server (with pg-boss and the notifier when on), the ETL worker and the clients " +
          "in the benchmark's process, as `npm start` runs server and ETL together.",
        "Latency is measured from the report's processed_at (now() of its ETL transaction, i.e. its start) to " +
          "its outbox row's created_at: it includes the ETL transaction, an upper bound on commit-to-queued.",
      ],
    };
  },
};

/** Draws `count` reports of the generator, from `offset` past the loaded ones (each case its own). */
function reportsFor(context: BenchContext, offset: number, count: number): GeneratedReport[] {
  return Array.from({ length: count }, (_, i) => context.generator.reportAt(context.generator.size + offset + i));
}

async function dayOfMail(context: BenchContext, size: { reports: number; authors: number }): Promise<ResultRow[]> {
  const reports = reportsFor(context, 50_000, size.reports);
  context.say(`  (a) ETL alone over ${size.reports} reports`);
  const alone = await run(context, await context.scratchDatabase(), reports, size.authors, false);
  context.say(`  (a) ETL, then notifications for ${size.authors} authors with settings`);
  const withMail = await run(context, await context.scratchDatabase(), reports, size.authors, true);
  const figure = (contender: string, ms: number): Figure => ({
    contender,
    medianMs: ms,
    throughput: (size.reports / ms) * 1000,
    unit: "reports/s",
  });
  context.say(
    `  (a) mail for a day computed and queued in ${(withMail.notifyMs / 1000).toFixed(1)} s (target: within ${TARGETS.dayMs / 1000} s)`,
  );
  return [
    {
      case: `mail for ${size.reports} reports, ${size.authors} authors: computed and queued`,
      subject: figure("notifier + digests", withMail.notifyMs),
      baselines: [figure("ETL over the same reports", withMail.etlMs)],
      note: `${withMail.queued} messages queued in ${(withMail.notifyMs / 1000).toFixed(1)} s (target: within ${TARGETS.dayMs / 1000} s)`,
    },
    {
      case: `ETL over ${size.reports} reports, then the notifier`,
      subject: figure("ETL + notifier", withMail.etlMs + withMail.scanMs),
      baselines: [figure("ETL alone", alone.etlMs)],
      note: `${((withMail.etlMs + withMail.scanMs) / alone.etlMs).toFixed(2)}× the ETL alone`,
    },
  ];
}

async function instantMail(context: BenchContext, size: { rate: number; seconds: number }): Promise<ResultRow> {
  const reports = reportsFor(context, 200_000, size.rate * size.seconds);
  context.say(`  (b) ${reports.length} reports at ${size.rate}/s, every author mailed each report`);
  const live = await runLive(await context.scratchDatabase(), reports, {
    authors: LIVE_AUTHORS,
    notify: true,
    rate: size.rate,
  });
  const latency = summarise(live.latencyMs);
  const verdict = (ms: number) => (ms <= TARGETS.instantMs ? "within" : "OVER");
  context.say(
    `  (b) offered ${size.rate} reports/s, the platform acknowledged ${live.ackPerSecond.toFixed(0)} reports/s`,
  );
  context.say(
    `  (b) counted to queued: median ${latency.medianMs.toFixed(0)} ms, p99 ${latency.p99Ms.toFixed(0)} ms ` +
      `over ${latency.samples} messages (target: ${TARGETS.instantMs / 1000} s; ${verdict(latency.p99Ms)})`,
  );
  return {
    case: `instant mail at ${size.rate} reports/s for ${size.seconds} s: counted to queued`,
    subject: { contender: "notifier", medianMs: latency.medianMs, p99Ms: latency.p99Ms, requests: latency.samples },
    baselines: [],
    note:
      `median ${(latency.medianMs / 1000).toFixed(2)} s, p99 ${(latency.p99Ms / 1000).toFixed(2)} s (target: within ${TARGETS.instantMs / 1000} s); ` +
      `offered ${size.rate} reports/s, acknowledged ${live.ackPerSecond.toFixed(0)} reports/s`,
  };
}

/** The day's settings mix of case (a): a third of the authors mailed every report, the rest daily. */
const DAY_MIX = (author: number): Frequency => (author % 3 === 0 ? "report" : "daily");

async function throughput(context: BenchContext, count: number): Promise<ResultRow[]> {
  const reports = reportsFor(context, 400_000, count);
  const rounds: Record<"on" | "off", LiveRun[]> = { on: [], off: [] };
  // Off, on, on, off: a machine that speeds up or slows down during the case weighs on both sides.
  for (const notify of [false, true, true, false]) {
    context.say(`  (c) ${count} reports back to back, notifications ${notify ? "on" : "off"}, the day's mix`);
    const live = await runLive(await context.scratchDatabase(), reports, {
      authors: LIVE_AUTHORS,
      notify,
      frequencyOf: DAY_MIX,
    });
    rounds[notify ? "on" : "off"].push(live);
  }
  context.say(`  (c) the same, notifications on, every author mailed every report`);
  const everyReport = await runLive(await context.scratchDatabase(), reports, { authors: LIVE_AUTHORS, notify: true });
  const mean = (side: "on" | "off", pick: (run: LiveRun) => number) =>
    rounds[side].reduce((sum, run) => sum + pick(run), 0) / rounds[side].length;
  const ack = { on: mean("on", (r) => r.ackPerSecond), off: mean("off", (r) => r.ackPerSecond) };
  const counted = { on: mean("on", (r) => r.countedPerSecond), off: mean("off", (r) => r.countedPerSecond) };
  const ratio = (a: number, b: number) => (a / b).toFixed(2);
  const spread = (side: "on" | "off") =>
    rounds[side].map((r) => `${r.ackPerSecond.toFixed(0)}/${r.countedPerSecond.toFixed(0)}`).join(", ");
  context.say(
    `  (c) with notifications / without, means of two rounds each: intake ${ratio(ack.on, ack.off)}×, ` +
      `counted ${ratio(counted.on, counted.off)}× (target: no measurable cost, 1.00×); ` +
      `rounds acknowledged/counted per second: on ${spread("on")}; off ${spread("off")}`,
  );
  const figure = (contender: string, perSecond: number): Figure => ({
    contender,
    throughput: perSecond,
    unit: "reports/s",
  });
  const messages = rounds.on.map((r) => r.messages).join(", ");
  return [
    {
      case: `intake of ${count} reports (acknowledged)`,
      subject: figure("notifications on", ack.on),
      baselines: [
        figure("notifications off", ack.off),
        figure("on, every author mailed every report", everyReport.ackPerSecond),
      ],
      note: `${ratio(ack.on, ack.off)}× (target: no measurable cost); means of two rounds a side, off-on-on-off`,
    },
    {
      case: `intake + ETL of ${count} reports (counted)`,
      subject: figure("notifications on", counted.on),
      baselines: [
        figure("notifications off", counted.off),
        figure("on, every author mailed every report", everyReport.countedPerSecond),
      ],
      note:
        `${ratio(counted.on, counted.off)}× (target: no measurable cost); ${messages} messages queued at once ` +
        `(the day's mix); every author mailed every report: ${ratio(everyReport.countedPerSecond, counted.off)}× ` +
        `of off, ${everyReport.messages} messages`,
    },
  ];
}

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
      // A third of the authors want every report, the rest a daily digest.
      await seedAuthors(db, reports, authors, DAY_MIX, now);
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
