import { Command } from "commander";
import { Registry } from "prom-client";
import { type Config, loadConfig } from "../config.js";
import { openMigratedDatabase } from "../db/open.js";
import { EtlMetrics } from "../etl/etl.metrics.js";
import { startEtlWorker } from "../etl/worker.js";
import { createEventBus } from "../events/index.js";
import { eventBusOptions } from "./event-bus.options.js";
import { createLogger } from "../log.js";
import { startServer } from "../server/serve.js";
import { startMetricsServer } from "../server/metrics.plugin.js";
import { ActivityCounter } from "../monitor/activity.js";
import { startHeartbeat } from "../monitor/heartbeat.js";
import { registerProcessInfo, statementMetrics } from "../monitor/process.metrics.js";
import { startTracing } from "../monitor/tracing.js";
import { onShutdownSignal } from "./lifecycle.js";
import { formatAddresses, servedAddresses } from "./served-addresses.js";

/** `serve`: the API, with an ETL worker in the same process unless told otherwise. */
export function serveCommand(): Command {
  return new Command("serve")
    .description("run the API (and an in-process ETL worker unless ETL_IN_PROCESS=false) until SIGTERM")
    .action(() => serve(loadConfig()));
}

async function serve(config: Config): Promise<void> {
  const log = createLogger(config);
  const { observability } = config;
  const stopTracing = await startTracing(observability.otlpEndpoint, "cpantesters-api", log);
  const metrics = new Registry();
  registerProcessInfo(metrics, config.etl.inProcess ? "api+etl" : "api");
  const database = await openMigratedDatabase(
    config,
    observability.metrics ? { onStatement: statementMetrics(metrics) } : {},
  );
  const events = await createEventBus(config.redisUrl, log, eventBusOptions(config));
  const activity = new ActivityCounter();
  const server = await startServer(config, { database, events, log, metrics, activity });
  const worker = config.etl.inProcess
    ? await startEtlWorker({ database, events, log, metrics: new EtlMetrics(metrics, activity) }, config.etl)
    : undefined;
  const beats = { db: database.db, log, activity };
  const heartbeats = [
    await startHeartbeat(beats, { kind: "api", intervalMs: observability.heartbeatIntervalMs }),
    ...(worker ? [await startHeartbeat(beats, { kind: "etl", intervalMs: observability.heartbeatIntervalMs })] : []),
  ];
  const metricsServer =
    observability.metricsPort === undefined || !observability.metrics
      ? undefined
      : await startMetricsServer(metrics, config.host, observability.metricsPort);

  const addresses = servedAddresses(server.app, server.url);
  log.info(
    {
      api: `${server.url}/graphql`,
      console: `${server.url}/console`,
      health: `${server.url}/readyz`,
      database: database.kind,
      events: config.redisUrl ? "redis" : "in-process",
      etl: worker ? "in-process" : "separate",
      metrics: observability.metrics ? (metricsServer?.url ?? `${server.url}/metrics`) : "off",
    },
    `CPAN Testers platform ready, serving:\n${formatAddresses(addresses)}`,
  );

  onShutdownSignal(log, async () => {
    // Order matters: stop taking requests and finish in-flight ones, then release what they used.
    await server.stop();
    await worker?.stop();
    for (const heartbeat of heartbeats) await heartbeat.stop();
    await metricsServer?.close();
    await stopTracing();
    await events.close();
    await database.close();
  });
}
