import cors from "@fastify/cors";
import websocket from "@fastify/websocket";
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from "fastify";
import type { Database } from "../db/client.js";
import type { EventBus } from "../events/index.js";
import { MAX_NODES } from "../graphql/limits.js";
import type { Logger } from "../log.js";
import { registerV3 } from "../rest/v3.plugin.js";
import { registerConsole } from "../web/console.plugin.js";
import { registerGraphQL } from "./graphql.plugin.js";
import { registerHealth } from "./health.plugin.js";
import { createSharedCache } from "./key-value-cache.js";
import { registerMetrics } from "./metrics.plugin.js";

/** The read API's settings (see config.ts for their meaning and defaults). */
export interface ApiOptions {
  queryCostLimit: number;
  queryDepthLimit: number;
  responseCache: boolean;
  /** Shared response cache and persisted queries in Redis; absent: in memory. */
  redisUrl?: string | undefined;
  /** Prepended to every cache key in Redis, so that deployments (or test runs) can share one. */
  cacheKeyPrefix?: string;
}

export const defaultApiOptions: ApiOptions = { queryCostLimit: 1_000, queryDepthLimit: 12, responseCache: true };

export interface AppDependencies {
  database: Database;
  events: EventBus;
  log: Logger;
  api?: Partial<ApiOptions>;
}

/** The HTTP server with every route mounted; not yet listening. */
export async function buildApp({ database, events, log, api }: AppDependencies): Promise<FastifyInstance> {
  const options = { ...defaultApiOptions, ...api };
  const app = Fastify({
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
  await app.register(websocket);
  registerHealth(app, database);
  registerMetrics(app);
  registerConsole(app);
  const cache = await createSharedCache(options.redisUrl, log, options.cacheKeyPrefix);
  app.addHook("onClose", () => cache.close());
  const deps = { db: database.db, databaseKind: database.kind, events, log, startedAt: new Date() };
  await registerGraphQL(app, deps, {
    limits: { cost: options.queryCostLimit, depth: options.queryDepthLimit, nodes: MAX_NODES },
    responseCache: options.responseCache,
    cache,
  });
  await app.register(registerV3(database.db), { prefix: "/v3" });
  return app;
}
