import { parseArgs } from "node:util";
import Fastify from "fastify";
import { Registry, collectDefaultMetrics } from "prom-client";
import type { Config } from "../config.js";
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

const usage = `usage: etl [--rebuild | --retry-failed | --status | --once]

  (no option)     run a worker until SIGTERM; /healthz and /metrics on ETL_PORT
  --once          process everything waiting, then exit
  --rebuild       empty every derived table and rebuild it from the documents
  --retry-failed  put failed documents back in the queue (after a fix)
  --status        print the queue: waiting, failed, and the latest failures
`;

/** `etl`: the worker process, and the operator's tools for the queue. */
export async function etlCommand(config: Config, args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      rebuild: { type: "boolean" },
      "retry-failed": { type: "boolean" },
      status: { type: "boolean" },
      once: { type: "boolean" },
      help: { type: "boolean" },
    },
  });
  if (values.help) {
    process.stdout.write(usage);
    return;
  }
  const log = createLogger(config);
  const database = await openMigratedDatabase(config);
  const { db } = database;

  if (values.status) {
    process.stdout.write(`${JSON.stringify(await etlStatus(db), null, 2)}\n`);
  } else if (values["retry-failed"]) {
    process.stdout.write(`${await retryFailedDocuments(db)} failed documents queued again\n`);
  } else if (values.rebuild || values.once) {
    if (values.rebuild) await resetDerivedTables(db);
    const events = values.rebuild ? undefined : await createEventBus(config.redisUrl, log, eventBusOptions(config));
    const started = performance.now();
    const { counted, failed } = await processAll({ db, events, log }, config.etl.batchSize);
    const seconds = (performance.now() - started) / 1000;
    await events?.close();
    process.stdout.write(`${counted} reports counted, ${failed} documents failed, in ${seconds.toFixed(1)} s\n`);
  } else {
    return runWorker(config, database, log);
  }
  await database.close();
}

async function runWorker(
  config: Config,
  database: Awaited<ReturnType<typeof openMigratedDatabase>>,
  log: ReturnType<typeof createLogger>,
): Promise<void> {
  const events = await createEventBus(config.redisUrl, log, eventBusOptions(config));
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const worker = await startEtlWorker({ database, events, log, metrics: new EtlMetrics(registry) }, config.etl);

  // Health and metrics for orchestrators and Prometheus; the worker itself serves nothing else.
  const probe = Fastify();
  probe.get("/healthz", async () => ({ status: "ok" }));
  probe.get("/metrics", async (_request, reply) => reply.type(registry.contentType).send(await registry.metrics()));
  await probe.listen({ host: config.host, port: config.etl.port });
  // The port it got, which differs from the one asked for when that is 0.
  const address = probe.server.address();
  const port = typeof address === "object" && address ? address.port : config.etl.port;
  log.info({ health: `http://${config.host}:${port}/healthz` }, "ETL worker running");

  onShutdownSignal(log, async () => {
    await probe.close();
    await worker.stop();
    await events.close();
    await database.close();
  });
}
