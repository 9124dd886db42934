import { Command, Option } from "commander";
import Fastify from "fastify";
import { Registry, collectDefaultMetrics } from "prom-client";
import { type Config, loadConfig } from "../config.js";
import { openMigratedDatabase } from "../db/open.js";
import { EtlMetrics } from "../etl/etl.metrics.js";
import { etlStatus, retryFailedDocuments } from "../db/queries/document-queue.queries.js";
import { resetDerivedTables } from "../db/queries/derived.queries.js";
import { processAll } from "../etl/process-batch.js";
import { startEtlWorker } from "../etl/worker.js";
import { createEventBus } from "../events/index.js";
import { eventBusOptions } from "./event-bus.options.js";
import { createLogger } from "../log.js";
import { onShutdownSignal } from "./lifecycle.js";
import { ActivityCounter } from "../monitor/activity.js";
import { startHeartbeat } from "../monitor/heartbeat.js";
import {
  countersFrom,
  registerPoolMetrics,
  registerProcessInfo,
  registerQueueMetrics,
  registerRedisMetrics,
  statementMetrics,
} from "../monitor/process.metrics.js";
import { startTracing } from "../monitor/tracing.js";
import { serveMetrics, startMetricsServer } from "../server/metrics.plugin.js";

interface EtlOptions {
  once?: true;
  rebuild?: true;
  retryFailed?: true;
  status?: true;
}

/** Each option is a different job; the worker is what runs when none is given. */
const jobs = ["once", "rebuild", "retryFailed", "status"] as const;
const job = (flags: string, description: string, name: (typeof jobs)[number]) =>
  new Option(flags, description).conflicts(jobs.filter((other) => other !== name));

/** `etl`: the worker process, and the operator's tools for the queue. */
export function etlCommand(): Command {
  return new Command("etl")
    .description("run an ETL worker until SIGTERM, with /healthz and /metrics on ETL_PORT; or one job on the queue")
    .addOption(job("--once", "process everything waiting, then exit", "once"))
    .addOption(job("--rebuild", "empty every derived table and rebuild it from the documents", "rebuild"))
    .addOption(job("--retry-failed", "put failed documents back in the queue (after a fix)", "retryFailed"))
    .addOption(job("--status", "print the queue: waiting, failed, and the latest failures", "status"))
    .action((options: EtlOptions) => etl(loadConfig(), options));
}

async function etl(config: Config, options: EtlOptions): Promise<void> {
  const log = createLogger(config);
  // The worker's metrics see every statement, so its registry exists before the database opens.
  const registry = new Registry();
  const database = await openMigratedDatabase(
    config,
    config.observability.metrics ? { onStatement: statementMetrics(registry) } : {},
  );
  const { db } = database;

  if (options.status) {
    process.stdout.write(`${JSON.stringify(await etlStatus(db), null, 2)}\n`);
  } else if (options.retryFailed) {
    process.stdout.write(`${await retryFailedDocuments(db)} failed documents queued again\n`);
  } else if (options.rebuild || options.once) {
    if (options.rebuild) await resetDerivedTables(db);
    const events = options.rebuild ? undefined : await createEventBus(config.redisUrl, log, eventBusOptions(config));
    const started = performance.now();
    const { counted, failed } = await processAll({ db, events, log }, config.etl.batchSize);
    const seconds = (performance.now() - started) / 1000;
    await events?.close();
    process.stdout.write(`${counted} reports counted, ${failed} documents failed, in ${seconds.toFixed(1)} s\n`);
  } else {
    return runWorker(config, database, log, registry);
  }
  await database.close();
}

async function runWorker(
  config: Config,
  database: Awaited<ReturnType<typeof openMigratedDatabase>>,
  log: ReturnType<typeof createLogger>,
  registry: Registry,
): Promise<void> {
  const { observability } = config;
  const stopTracing = await startTracing(observability.otlpEndpoint, "cpantesters-etl", log);
  const events = await createEventBus(config.redisUrl, log, eventBusOptions(config));
  // METRICS=off: the counters below still count (into a registry nobody reads), at a few
  // nanoseconds each; what costs, process metrics and statement timing, is not started.
  if (observability.metrics) collectDefaultMetrics({ register: registry });
  registerProcessInfo(registry, "etl");
  registerPoolMetrics(registry, database);
  registerQueueMetrics(registry, database);
  countersFrom(
    registry,
    {
      published: { name: "events_published_total", help: "Events this process published" },
      dropped: { name: "events_dropped_total", help: "Events published while Redis was away: nobody received them" },
    },
    () => {
      const { published, dropped } = events.stats();
      return { published, dropped };
    },
  );
  if (config.redisUrl) registerRedisMetrics(registry, () => events.stats().connected);
  const activity = new ActivityCounter();
  const worker = await startEtlWorker(
    { database, events, log, metrics: new EtlMetrics(registry, activity) },
    config.etl,
  );
  const heartbeat = await startHeartbeat(
    { db: database.db, log, activity },
    { kind: "etl", intervalMs: observability.heartbeatIntervalMs },
  );

  // Health and metrics for orchestrators and Prometheus; the worker itself serves nothing else.
  // With METRICS_PORT, /metrics moves to a listener of its own and ETL_PORT keeps /healthz.
  const probe = Fastify();
  probe.get("/healthz", async () => ({ status: "ok" }));
  if (observability.metrics && observability.metricsPort === undefined) serveMetrics(probe, registry);
  const metricsServer =
    observability.metricsPort === undefined || !observability.metrics
      ? undefined
      : await startMetricsServer(registry, config.host, observability.metricsPort);
  await probe.listen({ host: config.host, port: config.etl.port });
  // The port it got, which differs from the one asked for when that is 0.
  const address = probe.server.address();
  const port = typeof address === "object" && address ? address.port : config.etl.port;
  log.info({ health: `http://${config.host}:${port}/healthz` }, "ETL worker running");

  onShutdownSignal(log, async () => {
    await probe.close();
    await metricsServer?.close();
    await worker.stop();
    await heartbeat.stop();
    await stopTracing();
    await events.close();
    await database.close();
  });
}
