import { type z } from "zod";
import { count } from "./env.js";

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

export type GraphQLLimits = Readonly<{ [K in keyof typeof GRAPHQL_LIMIT_DEFAULTS]: number }>;
export type IntakeJsonLimits = Readonly<{ maxDepth: number; maxStringLength: number }>;
export type SubscriptionLimits = Readonly<{ bufferEvents: number; maxBufferedBytes: number; maxPerConnection: number }>;

/** The variables of request and subscription limits. */
export const limitsEnv = {
  /** Deepest nesting of arrays and objects in a report body; deeper is 400. */
  INTAKE_MAX_JSON_DEPTH: count(2, 1_000).default(INTAKE_JSON_DEFAULTS.maxDepth),
  /** Longest string in a report body, in characters; longer is 400. */
  INTAKE_MAX_STRING_LENGTH: count(1_024, 1024 ** 3).default(INTAKE_JSON_DEFAULTS.maxStringLength),
  /** Limits on one GraphQL request; see GRAPHQL_LIMIT_DEFAULTS. */
  GRAPHQL_BODY_LIMIT: count(1024, 1024 ** 3).default(GRAPHQL_LIMIT_DEFAULTS.bodyBytes),
  QUERY_FIELD_LIMIT: count(1, 1_000_000).default(GRAPHQL_LIMIT_DEFAULTS.fields),
  QUERY_ALIAS_LIMIT: count(0, 1_000_000).default(GRAPHQL_LIMIT_DEFAULTS.aliases),
  QUERY_ROOT_FIELD_LIMIT: count(1, 10_000).default(GRAPHQL_LIMIT_DEFAULTS.rootFields),
  GRAPHQL_RESPONSE_LIMIT: count(1024, 1024 ** 3).default(GRAPHQL_LIMIT_DEFAULTS.responseBytes),
  GRAPHQL_TIMEOUT_MS: count(1, 3_600_000).default(GRAPHQL_LIMIT_DEFAULTS.timeoutMs),
  /** Events queued per subscription before it fails as too slow. */
  SUBSCRIBER_BUFFER_EVENTS: count(1, 1_000_000).default(SUBSCRIPTION_DEFAULTS.bufferEvents),
  /** Bytes waiting to be sent on one WebSocket before it is closed with 4008. */
  WS_MAX_BUFFERED_BYTES: count(1024, 1024 ** 3).default(SUBSCRIPTION_DEFAULTS.maxBufferedBytes),
  /** Subscriptions one WebSocket connection may hold at once. */
  WS_MAX_SUBSCRIPTIONS: count(1, 10_000).default(SUBSCRIPTION_DEFAULTS.maxPerConnection),
};

type LimitsEnv = z.output<z.ZodObject<typeof limitsEnv>>;

export function toLimits(e: LimitsEnv): {
  intakeJsonLimits: IntakeJsonLimits;
  graphqlLimits: GraphQLLimits;
  subscriptions: SubscriptionLimits;
} {
  return {
    intakeJsonLimits: { maxDepth: e.INTAKE_MAX_JSON_DEPTH, maxStringLength: e.INTAKE_MAX_STRING_LENGTH },
    graphqlLimits: {
      bodyBytes: e.GRAPHQL_BODY_LIMIT,
      fields: e.QUERY_FIELD_LIMIT,
      aliases: e.QUERY_ALIAS_LIMIT,
      rootFields: e.QUERY_ROOT_FIELD_LIMIT,
      responseBytes: e.GRAPHQL_RESPONSE_LIMIT,
      timeoutMs: e.GRAPHQL_TIMEOUT_MS,
    },
    subscriptions: {
      bufferEvents: e.SUBSCRIBER_BUFFER_EVENTS,
      maxBufferedBytes: e.WS_MAX_BUFFERED_BYTES,
      maxPerConnection: e.WS_MAX_SUBSCRIPTIONS,
    },
  };
}
