import cors from "@fastify/cors";
import websocket from "@fastify/websocket";
import { handleProtocols } from "graphql-ws";
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from "fastify";
import { Registry } from "prom-client";
import { AuthBackoff } from "../auth/auth.backoff.js";
import { memoryRateCounter, type RateCounter, redisRateCounter } from "../auth/rate.counter.js";
import { RateLimiter } from "../auth/rate.limiter.js";
import { forgetRevokedTokens } from "../auth/token.revocation.js";
import {
  ABUSE_DEFAULTS,
  type AbuseLimits,
  type AccountSettings,
  type Config,
  INTAKE_JSON_DEFAULTS,
  type Observability,
} from "../config.js";
import type { Database } from "../db/client.js";
import type { EventBus } from "../events/index.js";
import { MAX_NODES } from "../graphql/execution/limits.js";
import { DocumentBatcher } from "../intake/document.batcher.js";
import { DocumentsAnnouncer } from "../intake/documents.announcer.js";
import { registerIntake } from "../intake/intake.plugin.js";
import { ReportIntake } from "../intake/report.intake.js";
import { addUpload } from "../intake/upload.intake.js";
import { IntakeMetrics } from "../intake/intake.metrics.js";
import { operationMetricsPlugin } from "../graphql/execution/operation-metrics.js";
import type { ActivityCounter } from "../monitor/activity.js";
import {
  countersFrom,
  registerPoolMetrics,
  registerQueueMetrics,
  registerRedisMetrics,
} from "../monitor/process.metrics.js";
import { cachedSystemStatus } from "../monitor/system-status.js";
import type { Logger } from "../log.js";
import { createAccounts } from "../notify/accounts.js";
import { mailProbe } from "../notify/mail.probe.js";
import { registerLegacyFeeds } from "../rest/legacy/legacy.plugin.js";
import { registerSiteRoutes } from "../rest/site/site.plugin.js";
import { registerApiDocsView, registerOpenApi } from "../rest/openapi.plugin.js";
import { registerV1, registerV3 } from "../rest/v3.plugin.js";
import { registerConsole } from "../web/console.plugin.js";
import { registerSite } from "../web/site.plugin.js";
import { type ApiDependencies, createContext } from "../graphql/context.js";
import { registerAccounts } from "./accounts.plugin.js";
import { registerGraphQL } from "./graphql.plugin.js";
import { registerHealth } from "./health.plugin.js";
import { createSharedCache, type SharedCache } from "./key-value-cache.js";
import { registerUploadFeeds } from "./upload-feed.ws.js";
import { LiveMetrics } from "./live.metrics.js";
import { registerLoadShedding } from "./load-shedding.js";
import { registerMetrics } from "./metrics.plugin.js";
import { addRateLimitHooks } from "./rate-limit.hooks.js";
import { answerRouterRefusal } from "./router-refusal.js";
import { registerRequestLog, requestIdOf } from "./request-log.js";

/** The settings the HTTP app reads (see config.ts for their meaning and defaults). */
export type AppConfig = Pick<
  Config,
  | "bodyLimit"
  | "allowAnonymousReports"
  | "queryCostLimit"
  | "queryDepthLimit"
  | "exposeErrorDetails"
  | "graphqlLimits"
  | "responseCache"
  | "redisUrl"
  | "redisPrefix"
  | "subscriptions"
> &
  Partial<Pick<Config, "intakeJsonLimits">> & {
    /** Rate limits, back-off, persisted-query bounds and load shedding; ABUSE_DEFAULTS when absent. */
    abuse?: AbuseLimits | undefined;
    /** Sign-in, notifications and mail; absent: none of their routes or operations are served. */
    accounts?: AccountSettings | undefined;
    /** Metrics, request logs and heartbeats; OBSERVABILITY_DEFAULTS when absent. */
    observability?: Partial<Observability> | undefined;
  };

/** What a server built without settings for them does: metrics on the app, no request lines (tests). */
export const OBSERVABILITY_DEFAULTS: Observability = {
  metrics: true,
  metricsPort: undefined,
  metricsMaxOperations: 100,
  logRequests: false,
  heartbeatIntervalMs: 10_000,
  otlpEndpoint: undefined,
};

/** How long one computed systemStatus serves every caller of this instance. */
export const SYSTEM_STATUS_MAX_AGE_MS = 5_000;

/** Largest message a WebSocket client may send (an operation with its variables). */
const WS_MAX_PAYLOAD = 256 * 1024;

export interface AppDependencies {
  database: Database;
  events: EventBus;
  log: Logger;
  /** Where /metrics reads from; other parts of the process (an in-process ETL) add to it. */
  metrics?: Registry;
  /** This process's per-minute counts, written by its heartbeat; absent: nothing counted. */
  activity?: ActivityCounter | undefined;
}

/** The HTTP server with every route mounted; not yet listening. */
export async function buildApp(config: AppConfig, deps: AppDependencies): Promise<FastifyInstance> {
  const { database, events, log, activity } = deps;
  const db = database.db;
  const observability = { ...OBSERVABILITY_DEFAULTS, ...config.observability };
  const registry = deps.metrics ?? new Registry();
  const announcer = new DocumentsAnnouncer(db, log);
  const intake = new ReportIntake(
    new DocumentBatcher(database, {
      maxInFlight: database.kind === "pglite" ? 1 : 4,
      onStored: () => announcer.announce(),
    }),
    config.intakeJsonLimits ?? INTAKE_JSON_DEFAULTS,
    new IntakeMetrics(registry, activity ? () => activity.received() : undefined),
  );
  const app = Fastify({
    bodyLimit: config.bodyLimit,
    // Typed as Fastify's base logger so that the app keeps Fastify's default type parameters.
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- it changes inference
    loggerInstance: log as FastifyBaseLogger,
    // Fastify's own two lines per request are replaced by one (request-log.ts), which LOG_REQUESTS turns off.
    logController: new LogController({ disableRequestLogging: true }),
    genReqId: requestIdOf,
    // On close, drop idle keep-alive sockets at once; busy ones finish their request first.
    forceCloseConnections: "idle",
    frameworkErrors: answerRouterRefusal,
  });
  // Clients of the v3 API and the console live on other origins; nothing here relies on cookies.
  await app.register(cors, { origin: true });
  await app.register(websocket, {
    // ws would otherwise accept 100 MiB messages, and pick the first subprotocol a client offers.
    options: { maxPayload: WS_MAX_PAYLOAD, handleProtocols },
  });
  // Before the routes it documents.
  await registerOpenApi(app);
  const abuse = config.abuse ?? ABUSE_DEFAULTS;
  await registerLoadShedding(app, abuse);
  registerRequestLog(app, { logLines: observability.logRequests });
  registerHealth(app, database);
  registerMetrics(app, registry, {
    collect: observability.metrics,
    route: observability.metrics && observability.metricsPort === undefined,
    onResponse: activity ? () => activity.request() : undefined,
  });
  registerConsole(app);
  const cache = await createSharedCache(config.redisUrl, log, `${config.redisPrefix}cache:`);
  app.addHook("onClose", () => cache.close());
  const redis = cache.redis;
  registerPoolMetrics(registry, database);
  registerQueueMetrics(registry, database);
  if (redis) registerRedisMetrics(registry, () => redis.isReady);
  countersFrom(
    registry,
    {
      published: { name: "events_published_total", help: "Events this process published" },
      delivered: { name: "events_delivered_total", help: "Events queued for a subscriber of this process" },
      dropped: { name: "events_dropped_total", help: "Events published while Redis was away: nobody received them" },
      overflowed: {
        name: "events_subscriber_overflows_total",
        help: "Subscriptions ended because their reader fell more than its buffer behind",
      },
    },
    () => {
      const { published, delivered, dropped, overflowed } = events.stats();
      return { published, delivered, dropped, overflowed };
    },
  );
  const systemStatus = cachedSystemStatus(
    {
      db,
      log,
      redis: redis ? async () => ({ up: redis.isReady }) : undefined,
      // Mail exists only with accounts; then SMTP_URL's server answers, or the development mailbox.
      mail: config.accounts ? mailProbe(config.accounts.smtpUrl) : undefined,
    },
    SYSTEM_STATUS_MAX_AGE_MS,
  );
  const counter = rateCounterOf(cache, `${config.redisPrefix}limits:`, log);
  const limiter = abuse.enabled ? new RateLimiter(counter, abuse.windowSeconds) : undefined;
  if (limiter) addRateLimitHooks(app, limiter, abuse);
  const backoff = abuse.enabled
    ? new AuthBackoff(counter, {
        failuresAllowed: abuse.authFailuresAllowed,
        backoffSeconds: abuse.authBackoffSeconds,
        backoffMaxSeconds: abuse.authBackoffMaxSeconds,
      })
    : undefined;
  const accounts = config.accounts
    ? createAccounts(config.accounts, {
        database,
        events,
        log,
        limiter: abuse.enabled ? new RateLimiter(counter, abuse.windowSeconds) : undefined,
        windowSeconds: abuse.windowSeconds,
        metrics: registry,
      })
    : undefined;
  if (accounts) {
    await registerAccounts(app, db, accounts);
    if (config.accounts?.notifyInProcess) {
      await accounts.start();
      app.addHook("onClose", () => accounts.stop());
    }
  }
  // Only what intake reads: Fastify takes a `logLevel` among plugin options as the routes' level.
  await registerIntake(app, { db, intake, log, backoff, allowAnonymousReports: config.allowAnonymousReports });
  const stopForgetting = forgetRevokedTokens(db, events, log);
  app.addHook("onClose", async () => stopForgetting());
  const apiDeps: ApiDependencies = {
    db,
    databaseKind: database.kind,
    events,
    intake: {
      submitReport: (report, tester, origin) => intake.submitV3(report, "graphql", tester, undefined, origin),
      addUpload: (upload) => addUpload({ db, events }, upload),
    },
    allowAnonymousReports: config.allowAnonymousReports,
    log,
    startedAt: new Date(),
    accounts,
    systemStatus,
  };
  const schema = await registerGraphQL(app, apiDeps, {
    limits: {
      cost: config.queryCostLimit,
      depth: config.queryDepthLimit,
      nodes: MAX_NODES,
      fields: config.graphqlLimits.fields,
      aliases: config.graphqlLimits.aliases,
      rootFields: config.graphqlLimits.rootFields,
    },
    http: config.graphqlLimits,
    responseCache: config.responseCache,
    exposeErrorDetails: config.exposeErrorDetails,
    cache,
    counter,
    limiter,
    abuse,
    subscriptions: config.subscriptions,
    liveMetrics: new LiveMetrics(registry, events),
    operationMetrics: observability.metrics
      ? operationMetricsPlugin(registry, observability.metricsMaxOperations)
      : undefined,
  });
  // The web app's pages run their operations in-process, each with a context of its own.
  await registerSite(app, {
    schema,
    context: () => createContext(apiDeps),
    pageCache: config.responseCache,
    events,
    log,
  });
  await app.register(registerV3(db), { prefix: "/v3" });
  await app.register(registerV1(db), { prefix: "/v1" });
  await registerApiDocsView(app);
  await app.register(registerLegacyFeeds({ db }));
  await app.register(registerSiteRoutes({ db }));
  registerUploadFeeds(app, events, { maxBufferedBytes: config.subscriptions.maxBufferedBytes });
  return app;
}

/** Counts shared by every instance through the cache's Redis when there is one, else per process. */
function rateCounterOf(cache: SharedCache, prefix: string, log: Logger): RateCounter {
  return cache.redis ? redisRateCounter(cache.redis, prefix, log) : memoryRateCounter();
}
