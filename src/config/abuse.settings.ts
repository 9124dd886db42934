import { type z } from "zod";
import { count, flag } from "./env.js";

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

const D = ABUSE_DEFAULTS;

/** The variables of rate limits, back-off, persisted queries and load shedding. */
export const abuseEnv = {
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
};

export function toAbuseLimits(e: z.output<z.ZodObject<typeof abuseEnv>>): AbuseLimits {
  return {
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
  };
}
