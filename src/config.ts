import { z } from "zod";
import { abuseEnv, type AbuseLimits, toAbuseLimits } from "./config/abuse.settings.js";
import { type AccountSettings, accountsEnv, toAccountSettings } from "./config/accounts.settings.js";
import { count, flag, port } from "./config/env.js";
import {
  type GraphQLLimits,
  type IntakeJsonLimits,
  limitsEnv,
  type SubscriptionLimits,
  toLimits,
} from "./config/limits.settings.js";
import { type Observability, observabilityEnv, toObservability } from "./config/observability.settings.js";

/**
 * Every setting the platform reads, parsed and validated once at start-up. This is the only module
 * that reads process.env; everything else receives a Config. The settings of each concern (limits,
 * abuse controls, accounts and mail, observability) live in config/, each with its variables,
 * defaults and type; this module adds the core ones and puts them together.
 */

export { ABUSE_DEFAULTS, type AbuseLimits } from "./config/abuse.settings.js";
export { ACCOUNT_DEFAULTS, type AccountSettings } from "./config/accounts.settings.js";
export {
  GRAPHQL_LIMIT_DEFAULTS,
  type GraphQLLimits,
  INTAKE_JSON_DEFAULTS,
  type IntakeJsonLimits,
  SUBSCRIPTION_DEFAULTS,
  type SubscriptionLimits,
} from "./config/limits.settings.js";
export type { Observability } from "./config/observability.settings.js";

const schema = z.object({
  /** Postgres URL. Absent: the embedded PGlite database with its files under DATA_DIR. */
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: "expected a postgres:// URL" }).optional(),
  /** Where PGlite keeps its files when DATABASE_URL is absent; `memory://` keeps them in memory. */
  DATA_DIR: z.string().min(1).default("./data"),
  /** Redis URL for cross-process events. Absent: events stay inside this process. */
  REDIS_URL: z.url({ protocol: /^rediss?$/, error: "expected a redis:// or rediss:// URL" }).optional(),
  /** Prepended to every Redis channel and key, so that several deployments (or test runs) can share one Redis. */
  REDIS_PREFIX: z.string().default("cpantesters:"),
  PORT: port("expected a port number 0..65535").default(4000),
  HOST: z.string().min(1).default("127.0.0.1"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** pretty: human-readable lines; json: one JSON object per line. Default: pretty on a terminal. */
  LOG_FORMAT: z.enum(["json", "pretty"]).optional(),
  /** Size of the pg connection pool of one process. */
  DATABASE_POOL_SIZE: count(1, 500).default(10),
  /** Largest request body accepted, in bytes; larger ones get 413. */
  BODY_LIMIT: count(1024, 1024 ** 3).default(32 * 1024 ** 2),
  /** Accept v3 and GraphQL reports without an API token. */
  ALLOW_ANONYMOUS_REPORTS: flag.default(false),
  /** Run an ETL worker inside `serve` (the embedded default); off when workers run apart. */
  ETL_IN_PROCESS: flag.default(true),
  /** Documents one ETL transaction processes at most. */
  ETL_BATCH_SIZE: count(1, 10_000).default(500),
  /** How often a worker looks for work without being woken: the safety net under LISTEN/NOTIFY. */
  ETL_POLL_INTERVAL_MS: count(100, 600_000).default(5_000),
  /** Port of the `etl` process's /healthz and /metrics. */
  ETL_PORT: port("expected a port number 0..65535").default(4001),
  /** Milliseconds after which Postgres cancels a statement; 0 disables. PGlite has no such limit. */
  DATABASE_STATEMENT_TIMEOUT_MS: count(0, 3_600_000).default(5_000),
  /** The cost one GraphQL request may spend (a connection costs first/100 per parent item). */
  QUERY_COST_LIMIT: count(1, 1_000_000).default(1_000),
  /** The deepest selection a GraphQL request may nest (introspection excluded). */
  QUERY_DEPTH_LIMIT: count(1, 100).default(12),
  /** Show our own faults' messages and stacks to clients (never, by default, whatever NODE_ENV says). */
  EXPOSE_ERROR_DETAILS: flag.default(false),
  /** Whole GraphQL responses cached by their cache hints (Redis with REDIS_URL, else in memory). */
  RESPONSE_CACHE: flag.default(true),
  ...limitsEnv,
  ...abuseEnv,
  ...accountsEnv,
  ...observabilityEnv,
});

export type Config = Readonly<{
  databaseUrl: string | undefined;
  dataDir: string;
  redisUrl: string | undefined;
  redisPrefix: string;
  port: number;
  host: string;
  logLevel: z.infer<typeof schema>["LOG_LEVEL"];
  logFormat: "json" | "pretty";
  databasePoolSize: number;
  bodyLimit: number;
  intakeJsonLimits: IntakeJsonLimits;
  allowAnonymousReports: boolean;
  etl: Readonly<{ inProcess: boolean; batchSize: number; pollIntervalMs: number; port: number }>;
  databaseStatementTimeoutMs: number;
  queryCostLimit: number;
  queryDepthLimit: number;
  graphqlLimits: GraphQLLimits;
  exposeErrorDetails: boolean;
  responseCache: boolean;
  subscriptions: SubscriptionLimits;
  abuse: AbuseLimits;
  accounts: AccountSettings;
  observability: Observability;
}>;

/** Raised for a setting that cannot be used; its message is one line naming the variable. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Parses the environment; throws ConfigError naming the variable, the value and what is allowed. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Empty strings count as unset, the way shells and compose files often pass them.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ""));
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue?.path[0] ?? "environment");
    throw new ConfigError(
      `${name}=${JSON.stringify(env[name] ?? "")} is invalid: ${issue?.message ?? "unknown problem"}`,
    );
  }
  const e = parsed.data;
  const { intakeJsonLimits, graphqlLimits, subscriptions } = toLimits(e);
  return {
    databaseUrl: e.DATABASE_URL,
    dataDir: e.DATA_DIR,
    redisUrl: e.REDIS_URL,
    redisPrefix: e.REDIS_PREFIX,
    port: e.PORT,
    host: e.HOST,
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT ?? (process.stdout.isTTY ? "pretty" : "json"),
    databasePoolSize: e.DATABASE_POOL_SIZE,
    bodyLimit: e.BODY_LIMIT,
    intakeJsonLimits,
    allowAnonymousReports: e.ALLOW_ANONYMOUS_REPORTS,
    etl: {
      inProcess: e.ETL_IN_PROCESS,
      batchSize: e.ETL_BATCH_SIZE,
      pollIntervalMs: e.ETL_POLL_INTERVAL_MS,
      port: e.ETL_PORT,
    },
    databaseStatementTimeoutMs: e.DATABASE_STATEMENT_TIMEOUT_MS,
    queryCostLimit: e.QUERY_COST_LIMIT,
    queryDepthLimit: e.QUERY_DEPTH_LIMIT,
    graphqlLimits,
    exposeErrorDetails: e.EXPOSE_ERROR_DETAILS,
    responseCache: e.RESPONSE_CACHE,
    subscriptions,
    abuse: toAbuseLimits(e),
    accounts: toAccountSettings(e, e.HOST, e.PORT),
    observability: toObservability(e),
  };
}
