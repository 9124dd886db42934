import { and, count, eq, inArray, isNotNull } from "drizzle-orm";
import { pino } from "pino";
import { ABUSE_DEFAULTS, ACCOUNT_DEFAULTS, GRAPHQL_LIMIT_DEFAULTS, SUBSCRIPTION_DEFAULTS } from "../../src/config.js";
import { createApiToken, registerTester } from "../../src/db/queries/tester.queries.js";
import { outboxMessages, reportDocuments } from "../../src/db/schema/index.js";
import { startEtlWorker } from "../../src/etl/worker.js";
import { createMemoryEventBus } from "../../src/events/memory-event-bus.js";
import { startServer } from "../../src/server/serve.js";
import type { GeneratedReport } from "../generate/report.generate.js";
import { type BenchDatabaseTarget, openBenchDatabase } from "../harness/bench-database.js";
import { BENCH_TESTER } from "../intake/http-intake.js";
import type { Frequency } from "../../src/notify/preferences.js";
import { seedAuthors } from "./seed-authors.js";

const log = pino({ level: "error" });
/** How long the ETL and the notifier may take to catch up after the last report is acknowledged. */
const DRAIN_TIMEOUT_MS = 300_000;
/** Requests the paced client keeps open at most. */
const MAX_IN_FLIGHT = 64;

export interface LiveRun {
  /** Reports acknowledged per second (intake alone). */
  ackPerSecond: number;
  /** Reports counted by the ETL per second, from the first POST to the last one counted. */
  countedPerSecond: number;
  /** From a report's ETL transaction to its message in the outbox, when notifications are on. */
  latencyMs: number[];
  messages: number;
}

/**
 * The platform as `npm start` runs it, in this process: the HTTP server (with notifications and
 * their job queue, or without), an ETL worker beside it, every author wanting all their reports,
 * at the frequency `frequencyOf` picks (default: each mailed at once). The reports are POSTed to
 * /v3/report at `rate` per second, or as fast as `concurrency` clients go.
 */
export async function runLive(
  target: BenchDatabaseTarget,
  reports: readonly GeneratedReport[],
  options: {
    authors: number;
    notify: boolean;
    frequencyOf?: (author: number) => Frequency;
    rate?: number;
    concurrency?: number;
  },
): Promise<LiveRun> {
  const database = await openBenchDatabase(target);
  const events = createMemoryEventBus();
  const { secret, ...profile } = BENCH_TESTER;
  await registerTester(database.db, profile, secret);
  const token = await createApiToken(database.db, profile.id, "benchmark");
  const instant = await seedAuthors(
    database.db,
    reports,
    options.authors,
    options.frequencyOf ?? (() => "report"),
    new Date(),
  );
  const unlimited = 1_000_000_000;
  const server = await startServer(
    {
      host: "127.0.0.1",
      port: 0,
      bodyLimit: 10 * 1024 ** 2,
      allowAnonymousReports: false,
      queryCostLimit: 1_000,
      queryDepthLimit: 12,
      responseCache: false,
      exposeErrorDetails: false,
      graphqlLimits: GRAPHQL_LIMIT_DEFAULTS,
      redisUrl: undefined,
      redisPrefix: "bench:",
      subscriptions: SUBSCRIPTION_DEFAULTS,
      abuse: {
        ...ABUSE_DEFAULTS,
        intakePerIp: unlimited,
        intakePerCredential: unlimited,
        shedEventLoopDelayMs: 0,
        shedHeapUsedBytes: 0,
      },
      ...(options.notify
        ? {
            accounts: {
              ...ACCOUNT_DEFAULTS,
              smtpUrl: undefined,
              publicBaseUrl: "https://bench.example",
              notifyInProcess: true,
            },
          }
        : {}),
    },
    { database, events, log },
  );
  const worker = await startEtlWorker({ database, events, log }, { batchSize: 100, pollIntervalMs: 200 });
  try {
    const started = performance.now();
    await submitAll(server.url, token, reports, options);
    const acked = performance.now() - started;
    const guids = reports.map((r) => r.document.id);
    const db = database.db;
    await until(async () => {
      const [row] = await db
        .select({ n: count() })
        .from(reportDocuments)
        .where(and(inArray(reportDocuments.id, guids), isNotNull(reportDocuments.processedAt)));
      return (row?.n ?? 0) >= guids.length;
    }, "the ETL to count every report");
    const countedMs = performance.now() - started;
    let latencyMs: number[] = [];
    let messages = 0;
    if (options.notify) {
      const mails = await until(async () => {
        const rows = await db
          .select({ key: outboxMessages.idempotencyKey, createdAt: outboxMessages.createdAt })
          .from(outboxMessages)
          .where(eq(outboxMessages.kind, "report"));
        return rows.length >= instant ? rows : undefined;
      }, "a message for every report mailed at once");
      const counted = new Map(
        (
          await db
            .select({ id: reportDocuments.id, at: reportDocuments.processedAt })
            .from(reportDocuments)
            .where(inArray(reportDocuments.id, guids))
        ).map((row) => [row.id, row.at]),
      );
      // The key is report:<author>:<guid>.
      latencyMs = mails.flatMap(({ key, createdAt }) => {
        const at = counted.get(key.slice(key.lastIndexOf(":") + 1));
        return at ? [createdAt.getTime() - at.getTime()] : [];
      });
      messages = mails.length;
    }
    return {
      ackPerSecond: (reports.length / acked) * 1000,
      countedPerSecond: (reports.length / countedMs) * 1000,
      latencyMs,
      messages,
    };
  } finally {
    await worker.stop();
    await server.stop();
    await events.close();
    await database.close();
  }
}

/** POSTs every report: paced at `rate` per second, or by `concurrency` clients back to back. */
async function submitAll(
  url: string,
  token: string,
  reports: readonly GeneratedReport[],
  options: { rate?: number; concurrency?: number },
): Promise<void> {
  const post = async (report: GeneratedReport) => {
    const response = await fetch(`${url}/v3/report`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify(report.document),
    });
    if (response.status !== 201)
      throw new Error(`POST /v3/report answered ${response.status}: ${await response.text()}`);
  };
  if (options.rate) {
    // Paced, with at most MAX_IN_FLIGHT requests open: a platform slower than the rate makes the
    // offered rate drop (the figures say what was acknowledged) instead of piling up connections.
    const interval = 1000 / options.rate;
    const open = new Set<Promise<void>>();
    const start = performance.now();
    for (let i = 0; i < reports.length; i++) {
      const wait = start + i * interval - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      while (open.size >= MAX_IN_FLIGHT) await Promise.race(open);
      const request = post(reports[i] as GeneratedReport);
      const tracked = request.finally(() => open.delete(tracked));
      open.add(tracked);
    }
    await Promise.all(open);
    return;
  }
  let next = 0;
  const client = async () => {
    while (next < reports.length) await post(reports[next++] as GeneratedReport);
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 32 }, client));
}

async function until<T>(check: () => Promise<T | undefined | false>, what: string): Promise<T> {
  const deadline = Date.now() + DRAIN_TIMEOUT_MS;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what} after ${DRAIN_TIMEOUT_MS / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
