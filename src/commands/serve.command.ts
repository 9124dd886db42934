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
  const database = await openMigratedDatabase(config);
  const events = await createEventBus(config.redisUrl, log, eventBusOptions(config));
  const metrics = new Registry();
  const server = await startServer(config, { database, events, log, metrics });
  const worker = config.etl.inProcess
    ? await startEtlWorker({ database, events, log, metrics: new EtlMetrics(metrics) }, config.etl)
    : undefined;

  const addresses = servedAddresses(server.app, server.url);
  log.info(
    {
      api: `${server.url}/graphql`,
      console: `${server.url}/console`,
      health: `${server.url}/readyz`,
      database: database.kind,
      events: config.redisUrl ? "redis" : "in-process",
      etl: worker ? "in-process" : "separate",
    },
    `CPAN Testers platform ready, serving:\n${formatAddresses(addresses)}`,
  );

  onShutdownSignal(log, async () => {
    // Order matters: stop taking requests and finish in-flight ones, then release what they used.
    await server.stop();
    await worker?.stop();
    await events.close();
    await database.close();
  });
}
