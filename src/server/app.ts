import cors from "@fastify/cors";
import websocket from "@fastify/websocket";
import { handleProtocols } from "graphql-ws";
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from "fastify";
import type { Registry } from "prom-client";
import { type Config, SUBSCRIPTION_DEFAULTS } from "../config.js";
import type { Database } from "../db/client.js";
import type { EventBus } from "../events/index.js";
import { DocumentBatcher } from "../intake/document.batcher.js";
import { registerIntake } from "../intake/intake.plugin.js";
import { ReportIntake } from "../intake/report.intake.js";
import type { Logger } from "../log.js";
import { registerConsole } from "../web/console.plugin.js";
import { registerGraphQL } from "./graphql.plugin.js";
import { registerHealth } from "./health.plugin.js";
import { LiveMetrics } from "./live.metrics.js";
import { registerMetrics } from "./metrics.plugin.js";

export type AppConfig = Pick<Config, "bodyLimit" | "allowAnonymousReports"> & Partial<Pick<Config, "subscriptions">>;

/** Largest message a WebSocket client may send (an operation with its variables). */
const WS_MAX_PAYLOAD = 256 * 1024;

export interface AppDependencies {
  database: Database;
  events: EventBus;
  log: Logger;
  /** Where /metrics reads from; other parts of the process (an in-process ETL) add to it. */
  metrics?: Registry;
}

/** The HTTP server with every route mounted; not yet listening. */
export async function buildApp(config: AppConfig, deps: AppDependencies): Promise<FastifyInstance> {
  const { database, events, log } = deps;
  const db = database.db;
  const intake = new ReportIntake(new DocumentBatcher(db, { maxInFlight: database.kind === "pglite" ? 1 : 4 }));
  const app = Fastify({
    bodyLimit: config.bodyLimit,
    // Typed as Fastify's base logger so that the app keeps Fastify's default type parameters.
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- it changes inference
    loggerInstance: log as FastifyBaseLogger,
    // A line per request is noise at thousands of reports a second; metrics count requests instead.
    logController: new LogController({ disableRequestLogging: true }),
    // On close, drop idle keep-alive sockets at once; busy ones finish their request first.
    forceCloseConnections: "idle",
  });
  // Clients of the v3 API and the console live on other origins; nothing here relies on cookies.
  await app.register(cors, { origin: true });
  await app.register(websocket, {
    // ws would otherwise accept 100 MiB messages, and pick the first subprotocol a client offers.
    options: { maxPayload: WS_MAX_PAYLOAD, handleProtocols },
  });
  registerHealth(app, database);
  const registry = registerMetrics(app, deps.metrics);
  registerConsole(app);
  await registerIntake(app, { db, intake, log, ...config });
  await registerGraphQL(
    app,
    {
      db,
      databaseKind: database.kind,
      events,
      intake,
      allowAnonymousReports: config.allowAnonymousReports,
      log,
      startedAt: new Date(),
    },
    {
      limits: config.subscriptions ?? SUBSCRIPTION_DEFAULTS,
      metrics: new LiveMetrics(registry, events),
    },
  );
  return app;
}
