import { randomBytes } from "node:crypto";
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import type { Logger as QueryLogger } from "drizzle-orm";
import { eq } from "drizzle-orm";
import { print } from "graphql";
import { pino } from "pino";
import {
  ABUSE_DEFAULTS,
  ACCOUNT_DEFAULTS,
  type AbuseLimits,
  type AccountSettings,
  GRAPHQL_LIMIT_DEFAULTS,
  type GraphQLLimits,
  SUBSCRIPTION_DEFAULTS,
  type SubscriptionLimits,
} from "../../src/config.js";
import type { EventBus } from "../../src/events/index.js";
import { createMemoryEventBus } from "../../src/events/memory-event-bus.js";
import { createRedisEventBus, type RedisEventBusOptions } from "../../src/events/redis-event-bus.js";
import { type ReportDocumentRow, reportDocuments } from "../../src/db/schema/index.js";
import { startEtlWorker } from "../../src/etl/worker.js";
import { EtlMetrics } from "../../src/etl/etl.metrics.js";
import type { ActivityCounter } from "../../src/monitor/activity.js";
import type { Logger } from "../../src/log.js";
import type { Registry } from "prom-client";
import type { AppConfig } from "../../src/server/app.js";
import { type RunningServer, startServer } from "../../src/server/serve.js";
import { type Backend, createTestDatabase, type TestDatabase } from "./database.js";
import { waitFor } from "./wait.js";

export const testLog = pino({ level: process.env.TEST_LOG_LEVEL ?? "silent" });

export interface GraphQLErrorBody {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; [key: string]: unknown };
}

export interface GraphQLResponse<Result> {
  data?: Result | null;
  errors?: GraphQLErrorBody[];
  extensions?: Record<string, unknown>;
}

export interface TestPlatform extends TestDatabase {
  events: EventBus;
  /** The Redis prefix of its events and cache (REDIS_PREFIX for child processes). */
  channelPrefix: string;
  /** The Postgres URL of its database (DATABASE_URL for child processes); absent on PGlite. */
  databaseUrl?: string;
  server: RunningServer;
  /** http://127.0.0.1:<port> */
  url: string;
  /** POSTs an operation (a typed document from test/generated, or a string) and returns the JSON body. */
  graphql<Result = unknown, Variables = Record<string, unknown>>(
    document: TypedDocumentNode<Result, Variables> | string,
    variables?: Variables,
  ): Promise<GraphQLResponse<Result>>;
  /** POSTs a v3 report (an object, or a body as is) to /v3/report with this bearer token. */
  submitReport(report: unknown, token: string): Promise<Response>;
  /** Resolves with the stored document once the ETL has processed the report with this GUID. */
  processedReport(guid: string): Promise<ReportDocumentRow>;
  stop(): Promise<void>;
}

/** Events for a test: Redis with a channel prefix of its own (test files share one Redis), or in-process. */
export function createTestEventBus(
  backend: Backend,
  prefix = `test-${randomBytes(4).toString("hex")}:`,
  options: RedisEventBusOptions = {},
): Promise<EventBus> {
  return backend.redisUrl
    ? createRedisEventBus(backend.redisUrl, testLog, prefix, options)
    : Promise.resolve(createMemoryEventBus(options));
}

/**
 * The abuse controls of test servers: on, as in production, but with budgets no other test's
 * traffic reaches from one address, and no load shedding: test files share two busy cores, where
 * the embedded database stalls the event loop for long stretches. test/abuse.test.ts sets its own
 * to test each edge.
 */
export const TEST_ABUSE_LIMITS: AbuseLimits = {
  ...ABUSE_DEFAULTS,
  intakePerIp: 1_000_000,
  intakePerCredential: 1_000_000,
  registerPerIp: 1_000_000,
  graphqlPointsPerIp: 100_000_000,
  graphqlPointsPerToken: 100_000_000,
  authFailuresAllowed: 100_000,
  shedEventLoopDelayMs: 0,
  shedHeapUsedBytes: 0,
};

export interface TestPlatformOptions {
  /**
   * A second instance of that platform: the same database, and the same Redis prefix for events,
   * cache and rate limits; it runs no ETL worker of its own and leaves the database to the first.
   */
  instanceOf?: TestPlatform;
  /** Abuse controls over TEST_ABUSE_LIMITS. */
  abuse?: Partial<AbuseLimits>;
  /** Events through this Redis instead of the backend's (a Redis of the test's own). */
  redisUrl?: string;
  /** How long start-up waits for that Redis (default 5 s). */
  redisConnectTimeoutMs?: number;
  /** Limits on live subscriptions; the defaults of the configuration when absent. */
  subscriptions?: Partial<SubscriptionLimits>;
  allowAnonymousReports?: boolean;
  /** Default 1 MiB, so that the limit is cheap to exceed in a test. */
  bodyLimit?: number;
  /** Limits on a report body's shape; the configuration's defaults when absent. */
  intakeJsonLimits?: AppConfig["intakeJsonLimits"];
  /** Run an ETL worker in the process, as `npm start` does (default); off to drive it by hand. */
  etl?: boolean;
  /** Limits on one GraphQL request; the defaults of the configuration when absent. */
  graphqlLimits?: Partial<GraphQLLimits>;
  /** Read API settings; the response cache is off unless a test turns it on. */
  api?: Partial<Pick<AppConfig, "queryCostLimit" | "queryDepthLimit" | "responseCache" | "exposeErrorDetails">>;
  /** Sees every SQL statement (to count them); needs `etl: false`, the worker's polls would count too. */
  logger?: QueryLogger;
  /** Sign-in, notifications and mail (ACCOUNT_DEFAULTS under these); absent: not served. */
  accounts?: Partial<AccountSettings>;
  /** Metrics, request logs; the app's defaults when absent. */
  observability?: AppConfig["observability"];
  /** The registry of /metrics, shared with the worker's metrics; the worker reports none when absent. */
  metrics?: Registry;
  /** Per-minute counts of this instance (and its worker). */
  activity?: ActivityCounter;
  /** The server's logger (to read what it logs); testLog, silent unless TEST_LOG_LEVEL, when absent. */
  log?: Logger;
}

/**
 * The real server on port 0 over a fresh database of the backend, with an ETL worker. The response
 * cache (Redis with a key prefix of its own, or in memory) is off by default: tests that change
 * rows between requests would otherwise see cached answers.
 */
export async function startTestPlatform(backend: Backend, options: TestPlatformOptions = {}): Promise<TestPlatform> {
  if (options.logger && options.etl !== false) {
    throw new Error("a statement log with an ETL worker counts the worker's statements too: pass etl: false");
  }
  const first = options.instanceOf;
  const testDatabase: TestDatabase = first
    ? { database: first.database, ...(first.url ? { url: first.url } : {}), drop: async () => {} }
    : await createTestDatabase(backend, options.logger ? { logger: options.logger } : {});
  const subscriptions = { ...SUBSCRIPTION_DEFAULTS, ...options.subscriptions };
  const channelPrefix = first?.channelPrefix ?? `test-${randomBytes(4).toString("hex")}:`;
  // Without Redis, instances share what one process would: its in-process event bus.
  const sharedEvents = first && !(options.redisUrl ?? backend.redisUrl) ? first.events : undefined;
  const events =
    sharedEvents ??
    (await createTestEventBus({ ...backend, redisUrl: options.redisUrl ?? backend.redisUrl }, channelPrefix, {
      bufferSize: subscriptions.bufferEvents,
      ...(options.redisConnectTimeoutMs === undefined ? {} : { connectTimeoutMs: options.redisConnectTimeoutMs }),
    }));
  const { database } = testDatabase;
  const server = await startServer(
    {
      host: "127.0.0.1",
      port: 0,
      bodyLimit: options.bodyLimit ?? 1024 ** 2,
      allowAnonymousReports: options.allowAnonymousReports ?? false,
      queryCostLimit: 1_000,
      queryDepthLimit: 12,
      responseCache: false,
      exposeErrorDetails: false,
      graphqlLimits: { ...GRAPHQL_LIMIT_DEFAULTS, ...options.graphqlLimits },
      redisUrl: options.redisUrl ?? backend.redisUrl,
      // The events' prefix also prefixes the response cache's keys (`<prefix>cache:`).
      redisPrefix: channelPrefix,
      subscriptions,
      ...(options.intakeJsonLimits ? { intakeJsonLimits: options.intakeJsonLimits } : {}),
      abuse: { ...TEST_ABUSE_LIMITS, ...options.abuse },
      ...(options.accounts
        ? {
            accounts: {
              ...ACCOUNT_DEFAULTS,
              smtpUrl: undefined,
              publicBaseUrl: "http://127.0.0.1",
              notifyInProcess: true,
              ...options.accounts,
            },
          }
        : {}),
      ...options.api,
      observability: options.observability,
    },
    { database, events, log: options.log ?? testLog, metrics: options.metrics, activity: options.activity },
  );
  const etlMetrics = options.metrics ? new EtlMetrics(options.metrics, options.activity) : undefined;
  const worker =
    options.etl === false || first
      ? undefined
      : await startEtlWorker(
          { database, events, log: testLog, ...(etlMetrics ? { metrics: etlMetrics } : {}) },
          { batchSize: 100, pollIntervalMs: 1_000 },
        );
  return {
    ...testDatabase,
    events,
    channelPrefix,
    ...(testDatabase.url ? { databaseUrl: testDatabase.url } : {}),
    server,
    url: server.url,
    async graphql(document, variables) {
      const query = typeof document === "string" ? document : print(document);
      const response = await fetch(`${server.url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as never;
    },
    submitReport(report, token) {
      return fetch(`${server.url}/v3/report`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: typeof report === "string" ? report : JSON.stringify(report),
      });
    },
    processedReport(guid) {
      return waitFor(async () => {
        const [row] = await database.db.select().from(reportDocuments).where(eq(reportDocuments.id, guid));
        return row?.processedAt ? row : undefined;
      }, `report ${guid} to be processed`);
    },
    async stop() {
      await server.stop();
      await worker?.stop();
      if (!sharedEvents) await events.close();
      await testDatabase.drop();
    },
  };
}
