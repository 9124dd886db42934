import { z } from "zod";

/**
 * Every setting the platform reads, parsed and validated once at start-up. This is the only module
 * that reads process.env; everything else receives a Config.
 */
const port = (error: string) => z.coerce.number({ error }).int({ error }).min(0, { error }).max(65535, { error });
const count = (min: number, max: number) => {
  const error = `expected a whole number ${min}..${max}`;
  return z.coerce.number({ error }).int({ error }).min(min, { error }).max(max, { error });
};

const flag = z
  .enum(["true", "false", "1", "0"], { error: "expected true or false" })
  .transform((v) => v === "true" || v === "1");

/** Defaults of the limits on live subscriptions; see the README's configuration table. */
export const SUBSCRIPTION_DEFAULTS = {
  /** Events held for one subscription that its connection has not taken yet. */
  bufferEvents: 1_000,
  /** Bytes a WebSocket may have waiting to be sent before it is closed as too slow (4008). */
  maxBufferedBytes: 1024 ** 2,
  /** Subscriptions one WebSocket may hold at once. */
  maxPerConnection: 100,
} as const;

/** Defaults of the limits on one GraphQL request; see the README's configuration table. */
export const GRAPHQL_LIMIT_DEFAULTS = {
  /** Bytes of a POST /graphql body (the documented 256 KiB); larger is 413 PAYLOAD_TOO_LARGE. */
  bodyBytes: 256 * 1024,
  /**
   * Field selections of one operation, counted through fragments (introspection's is 220). More
   * would let identical fields exhaust graphql-js's budget for comparing them ("Validation aborted").
   */
  fields: 1_000,
  /** Aliased fields of one operation. */
  aliases: 100,
  /** Fields at the root of one operation. */
  rootFields: 20,
  /** Bytes of one response. */
  responseBytes: 16 * 1024 ** 2,
  /** Milliseconds after which resolvers stop and answer QUERY_TIMEOUT. */
  timeoutMs: 5_000,
};

/**
 * Defaults of the limits on the shape of a report body; see the README's configuration table.
 * Postgres refuses jsonb nested a few thousand levels deep and no report needs more than a dozen;
 * a text report of several MiB exists, tens of MiB are BODY_LIMIT's business.
 */
export const INTAKE_JSON_DEFAULTS = {
  /** Deepest nesting of arrays and objects: `{"a":[1]}` is 2. */
  maxDepth: 64,
  /** Longest string, member names included, in UTF-16 code units. */
  maxStringLength: 8 * 1024 ** 2,
} as const;

/** Defaults of the abuse controls; see the README's configuration table and docs/API.md. */
export const ABUSE_DEFAULTS: AbuseLimits = {
  /** Rate limits and back-off on (RATE_LIMITS). */
  enabled: true,
  /** Length of every rate-limit window, in seconds. */
  windowSeconds: 60,
  /** Reports (Metabase submit, POST /v3/report) one IP address may send per window. */
  intakePerIp: 1_200,
  /** Reports one credential (token, Metabase profile) may send per window. */
  intakePerCredential: 600,
  /** POST /api/v1/register requests one IP address may send per window. */
  registerPerIp: 30,
  /** GraphQL points (query cost) one IP address may spend per window. */
  graphqlPointsPerIp: 5_000,
  /** GraphQL points one token may spend per window. */
  graphqlPointsPerToken: 10_000,
  /** Failed Metabase authentications (per profile, per IP) before answers become 429. */
  authFailuresAllowed: 10,
  /** The first back-off after too many failures, in seconds; it doubles with each further failure. */
  authBackoffSeconds: 1,
  /** The longest back-off, in seconds. */
  authBackoffMaxSeconds: 900,
  /** Largest query text kept as an automatic persisted query, in bytes. */
  persistedQueryMaxBytes: 16 * 1024,
  /** Persisted queries registered per TTL period; past it, queries run but are not kept. */
  persistedQueryMaxCount: 10_000,
  /** Seconds a persisted query stays known. */
  persistedQueryTtlSeconds: 3_600,
  /** Mean event-loop delay (ms) above which requests are shed with 503; 0 disables. */
  shedEventLoopDelayMs: 1_000,
  /** Heap in use (bytes) above which requests are shed; absent: 90% of V8's heap limit; 0 disables. */
  shedHeapUsedBytes: undefined,
  /** Resident memory (bytes) above which requests are shed; 0 disables. */
  shedRssBytes: 0,
  /** Requests in flight (WebSockets aside) above which new ones are shed; 0 disables. */
  shedMaxInFlight: 256,
};

export type AbuseLimits = Readonly<{
  enabled: boolean;
  windowSeconds: number;
  intakePerIp: number;
  intakePerCredential: number;
  registerPerIp: number;
  graphqlPointsPerIp: number;
  graphqlPointsPerToken: number;
  authFailuresAllowed: number;
  authBackoffSeconds: number;
  authBackoffMaxSeconds: number;
  persistedQueryMaxBytes: number;
  persistedQueryMaxCount: number;
  persistedQueryTtlSeconds: number;
  shedEventLoopDelayMs: number;
  shedHeapUsedBytes: number | undefined;
  shedRssBytes: number;
  shedMaxInFlight: number;
}>;

const D = ABUSE_DEFAULTS;

/** Defaults of sign-in, sessions and mail; see the README's configuration table. */
export const ACCOUNT_DEFAULTS = {
  /** Seconds a sign-in link works (once). */
  signInLinkTtlSeconds: 900,
  /** Seconds a session lasts without signing in again. */
  sessionTtlSeconds: 30 * 86_400,
  /** Age in seconds after which a session's cookie gets a new token on its next request. */
  sessionRotateSeconds: 86_400,
  /** Sign-in requests per rate-limit window from one IP address, and for one PAUSE id or address. */
  signInPerIp: 20,
  signInPerAddress: 5,
  mailFrom: "CPAN Testers <noreply@cpantesters.org>",
  /** Attempts at sending one message before it is marked failed; the wait doubles each time. */
  mailMaxAttempts: 8,
  mailRetryBaseSeconds: 60,
} as const;
const A = ACCOUNT_DEFAULTS;

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
  /** Deepest nesting of arrays and objects in a report body; deeper is 400. */
  INTAKE_MAX_JSON_DEPTH: count(2, 1_000).default(INTAKE_JSON_DEFAULTS.maxDepth),
  /** Longest string in a report body, in characters; longer is 400. */
  INTAKE_MAX_STRING_LENGTH: count(1_024, 1024 ** 3).default(INTAKE_JSON_DEFAULTS.maxStringLength),
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
  /** Limits on one GraphQL request; see GRAPHQL_LIMIT_DEFAULTS. */
  GRAPHQL_BODY_LIMIT: count(1024, 1024 ** 3).default(GRAPHQL_LIMIT_DEFAULTS.bodyBytes),
  QUERY_FIELD_LIMIT: count(1, 1_000_000).default(GRAPHQL_LIMIT_DEFAULTS.fields),
  QUERY_ALIAS_LIMIT: count(0, 1_000_000).default(GRAPHQL_LIMIT_DEFAULTS.aliases),
  QUERY_ROOT_FIELD_LIMIT: count(1, 10_000).default(GRAPHQL_LIMIT_DEFAULTS.rootFields),
  GRAPHQL_RESPONSE_LIMIT: count(1024, 1024 ** 3).default(GRAPHQL_LIMIT_DEFAULTS.responseBytes),
  GRAPHQL_TIMEOUT_MS: count(1, 3_600_000).default(GRAPHQL_LIMIT_DEFAULTS.timeoutMs),
  /** Show our own faults' messages and stacks to clients (never, by default, whatever NODE_ENV says). */
  EXPOSE_ERROR_DETAILS: flag.default(false),
  /** Whole GraphQL responses cached by their cache hints (Redis with REDIS_URL, else in memory). */
  RESPONSE_CACHE: flag.default(true),
  /** Events queued per subscription before it fails as too slow. */
  SUBSCRIBER_BUFFER_EVENTS: count(1, 1_000_000).default(SUBSCRIPTION_DEFAULTS.bufferEvents),
  /** Bytes waiting to be sent on one WebSocket before it is closed with 4008. */
  WS_MAX_BUFFERED_BYTES: count(1024, 1024 ** 3).default(SUBSCRIPTION_DEFAULTS.maxBufferedBytes),
  /** Subscriptions one WebSocket connection may hold at once. */
  WS_MAX_SUBSCRIPTIONS: count(1, 10_000).default(SUBSCRIPTION_DEFAULTS.maxPerConnection),
  /** Rate limits and authentication back-off; off only for trusted set-ups (a benchmark). */
  RATE_LIMITS: flag.default(true),
  RATE_LIMIT_WINDOW_SECONDS: count(1, 86_400).default(D.windowSeconds),
  INTAKE_LIMIT_PER_IP: count(1, 10_000_000).default(D.intakePerIp),
  INTAKE_LIMIT_PER_CREDENTIAL: count(1, 10_000_000).default(D.intakePerCredential),
  REGISTER_LIMIT_PER_IP: count(1, 10_000_000).default(D.registerPerIp),
  GRAPHQL_POINTS_PER_IP: count(1, 100_000_000).default(D.graphqlPointsPerIp),
  GRAPHQL_POINTS_PER_TOKEN: count(1, 100_000_000).default(D.graphqlPointsPerToken),
  AUTH_FAILURES_ALLOWED: count(1, 1_000_000).default(D.authFailuresAllowed),
  AUTH_BACKOFF_SECONDS: count(1, 86_400).default(D.authBackoffSeconds),
  AUTH_BACKOFF_MAX_SECONDS: count(1, 86_400).default(D.authBackoffMaxSeconds),
  PERSISTED_QUERY_MAX_BYTES: count(256, 1024 ** 2).default(D.persistedQueryMaxBytes),
  PERSISTED_QUERY_MAX_COUNT: count(0, 10_000_000).default(D.persistedQueryMaxCount),
  PERSISTED_QUERY_TTL_SECONDS: count(1, 604_800).default(D.persistedQueryTtlSeconds),
  SHED_EVENT_LOOP_DELAY_MS: count(0, 60_000).default(D.shedEventLoopDelayMs),
  SHED_HEAP_USED_BYTES: count(0, 2 ** 50).optional(),
  SHED_RSS_BYTES: count(0, 2 ** 50).default(D.shedRssBytes),
  SHED_MAX_IN_FLIGHT: count(0, 1_000_000).default(D.shedMaxInFlight),
  /** SMTP server for mail (smtp:// or smtps://, user and password in the URL). Absent: the development mailbox keeps every message. */
  SMTP_URL: z.url({ protocol: /^smtps?$/, error: "expected an smtp:// or smtps:// URL" }).optional(),
  MAIL_FROM: z.string().min(3).default(A.mailFrom),
  /** The web app's address, for links in mail and whether cookies are Secure (https). Default: http://HOST:PORT */
  PUBLIC_BASE_URL: z.url({ protocol: /^https?$/, error: "expected an http:// or https:// URL" }).optional(),
  SIGN_IN_LINK_TTL_SECONDS: count(60, 86_400).default(A.signInLinkTtlSeconds),
  SESSION_TTL_SECONDS: count(300, 365 * 86_400).default(A.sessionTtlSeconds),
  SESSION_ROTATE_SECONDS: count(60, 365 * 86_400).default(A.sessionRotateSeconds),
  SIGN_IN_LIMIT_PER_IP: count(1, 1_000_000).default(A.signInPerIp),
  SIGN_IN_LIMIT_PER_ADDRESS: count(1, 1_000_000).default(A.signInPerAddress),
  MAIL_MAX_ATTEMPTS: count(1, 100).default(A.mailMaxAttempts),
  MAIL_RETRY_BASE_SECONDS: count(1, 86_400).default(A.mailRetryBaseSeconds),
  /** Run the notifier, digests and mail delivery inside `serve` (the embedded default). */
  NOTIFY_IN_PROCESS: flag.default(true),
  /**
   * Metrics collection: `off` records nothing for Prometheus (no per-request histograms, no
   * statement timing, no process metrics) and serves no /metrics. systemStatus works either way.
   */
  METRICS: z
    .enum(["on", "off", "true", "false", "1", "0"], { error: "expected on or off" })
    .default("on")
    .transform((v) => v === "on" || v === "true" || v === "1"),
  /**
   * A port of its own for /metrics (API and ETL alike), to keep it off the public port; absent:
   * /metrics is on PORT (the API) or ETL_PORT (a worker). `serve` with ETL_IN_PROCESS shares it.
   */
  METRICS_PORT: port("expected a port number 0..65535").optional(),
  /** Distinct GraphQL operation names labelled in metrics; others count as `other`. */
  METRICS_MAX_OPERATIONS: count(0, 10_000).default(100),
  /** One JSON log line per HTTP request (with its request id), at info; 5xx at error. */
  LOG_REQUESTS: flag.default(true),
  /** How often each process renews its heartbeat and flushes its per-minute activity. */
  HEARTBEAT_INTERVAL_MS: count(1_000, 600_000).default(10_000),
  /** OTLP/HTTP collector for traces (e.g. http://otel-collector:4318); absent: no tracing at all. */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url({ error: "expected an http(s):// URL" }).optional(),
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

export type AccountSettings = Readonly<{
  smtpUrl: string | undefined;
  mailFrom: string;
  publicBaseUrl: string;
  signInLinkTtlSeconds: number;
  sessionTtlSeconds: number;
  sessionRotateSeconds: number;
  signInPerIp: number;
  signInPerAddress: number;
  mailMaxAttempts: number;
  mailRetryBaseSeconds: number;
  notifyInProcess: boolean;
}>;

/** Metrics, request logs, heartbeats and traces (docs/OPERATIONS.md). */
export type Observability = Readonly<{
  /** METRICS: collect and serve Prometheus metrics. */
  metrics: boolean;
  metricsPort: number | undefined;
  metricsMaxOperations: number;
  logRequests: boolean;
  heartbeatIntervalMs: number;
  otlpEndpoint: string | undefined;
}>;

export type GraphQLLimits = Readonly<{ [K in keyof typeof GRAPHQL_LIMIT_DEFAULTS]: number }>;
export type IntakeJsonLimits = Readonly<{ maxDepth: number; maxStringLength: number }>;

export type SubscriptionLimits = Readonly<{ bufferEvents: number; maxBufferedBytes: number; maxPerConnection: number }>;

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
    intakeJsonLimits: { maxDepth: e.INTAKE_MAX_JSON_DEPTH, maxStringLength: e.INTAKE_MAX_STRING_LENGTH },
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
    graphqlLimits: {
      bodyBytes: e.GRAPHQL_BODY_LIMIT,
      fields: e.QUERY_FIELD_LIMIT,
      aliases: e.QUERY_ALIAS_LIMIT,
      rootFields: e.QUERY_ROOT_FIELD_LIMIT,
      responseBytes: e.GRAPHQL_RESPONSE_LIMIT,
      timeoutMs: e.GRAPHQL_TIMEOUT_MS,
    },
    exposeErrorDetails: e.EXPOSE_ERROR_DETAILS,
    responseCache: e.RESPONSE_CACHE,
    subscriptions: {
      bufferEvents: e.SUBSCRIBER_BUFFER_EVENTS,
      maxBufferedBytes: e.WS_MAX_BUFFERED_BYTES,
      maxPerConnection: e.WS_MAX_SUBSCRIPTIONS,
    },
    abuse: {
      enabled: e.RATE_LIMITS,
      windowSeconds: e.RATE_LIMIT_WINDOW_SECONDS,
      intakePerIp: e.INTAKE_LIMIT_PER_IP,
      intakePerCredential: e.INTAKE_LIMIT_PER_CREDENTIAL,
      registerPerIp: e.REGISTER_LIMIT_PER_IP,
      graphqlPointsPerIp: e.GRAPHQL_POINTS_PER_IP,
      graphqlPointsPerToken: e.GRAPHQL_POINTS_PER_TOKEN,
      authFailuresAllowed: e.AUTH_FAILURES_ALLOWED,
      authBackoffSeconds: e.AUTH_BACKOFF_SECONDS,
      authBackoffMaxSeconds: e.AUTH_BACKOFF_MAX_SECONDS,
      persistedQueryMaxBytes: e.PERSISTED_QUERY_MAX_BYTES,
      persistedQueryMaxCount: e.PERSISTED_QUERY_MAX_COUNT,
      persistedQueryTtlSeconds: e.PERSISTED_QUERY_TTL_SECONDS,
      shedEventLoopDelayMs: e.SHED_EVENT_LOOP_DELAY_MS,
      shedHeapUsedBytes: e.SHED_HEAP_USED_BYTES,
      shedRssBytes: e.SHED_RSS_BYTES,
      shedMaxInFlight: e.SHED_MAX_IN_FLIGHT,
    },
    accounts: {
      smtpUrl: e.SMTP_URL,
      mailFrom: e.MAIL_FROM,
      publicBaseUrl: e.PUBLIC_BASE_URL ?? `http://${e.HOST.includes(":") ? `[${e.HOST}]` : e.HOST}:${e.PORT}`,
      signInLinkTtlSeconds: e.SIGN_IN_LINK_TTL_SECONDS,
      sessionTtlSeconds: e.SESSION_TTL_SECONDS,
      sessionRotateSeconds: e.SESSION_ROTATE_SECONDS,
      signInPerIp: e.SIGN_IN_LIMIT_PER_IP,
      signInPerAddress: e.SIGN_IN_LIMIT_PER_ADDRESS,
      mailMaxAttempts: e.MAIL_MAX_ATTEMPTS,
      mailRetryBaseSeconds: e.MAIL_RETRY_BASE_SECONDS,
      notifyInProcess: e.NOTIFY_IN_PROCESS,
    },
    observability: {
      metrics: e.METRICS,
      metricsPort: e.METRICS_PORT,
      metricsMaxOperations: e.METRICS_MAX_OPERATIONS,
      logRequests: e.LOG_REQUESTS,
      heartbeatIntervalMs: e.HEARTBEAT_INTERVAL_MS,
      otlpEndpoint: e.OTEL_EXPORTER_OTLP_ENDPOINT,
    },
  };
}
