import { type GraphQLSchema, GraphQLError, parse, validate } from "graphql";
import { makeServer } from "graphql-ws";
import { bearerHeader, tokenHolder } from "../auth/tester.auth.js";
import type { SubscriptionLimits } from "../config.js";
import { SubscriberOverflowError } from "../events/index.js";
import { type ApiDependencies, createContext } from "../graphql/context.js";
import { formatSubscriptionErrors } from "../graphql/errors.js";
import { measureQuery, type QueryLimits } from "../graphql/execution/limits.js";
import { checkShape } from "../graphql/execution/query-shape.js";
import type { Logger } from "../log.js";
import type { LiveMetrics } from "./live.metrics.js";
import { sharedSubscribe } from "./shared-subscribe.js";
import { graphqlWsTransport, type WsExtra } from "./ws-transport.js";

/**
 * graphql-ws at /graphql: operations (subscriptions above all) over one WebSocket per client.
 *
 * - connection_init may carry `{ "token": "<API token>" }`; it then acts as the Authorization
 *   header of every operation on the socket. A token that is sent but unknown or revoked closes
 *   the socket with 4403 Forbidden at once; no token is fine (subscriptions are public).
 * - at most `limits.maxPerConnection` operations run on one socket at a time.
 * - a subscriber that falls behind is closed with 4008 (ws-transport.ts).
 * - an event is executed once per distinct operation, not once per subscriber (shared-subscribe.ts).
 * - errors are shaped by the same formatter as over HTTP.
 */
export function graphqlWsHandler(
  schema: GraphQLSchema,
  deps: ApiDependencies,
  options: {
    queryLimits: QueryLimits;
    subscriptions: SubscriptionLimits;
    metrics: LiveMetrics;
    exposeErrorDetails: boolean;
  },
) {
  const { subscriptions: limits, metrics } = options;
  const formatErrors = formatSubscriptionErrors({ exposeDetails: options.exposeErrorDetails });
  const server = makeServer<Record<string, unknown> | undefined, WsExtra>({
    schema,
    subscribe: sharedSubscribe(),
    async onConnect({ connectionParams }) {
      const token = connectionParams?.token;
      if (token === undefined || token === null || token === "") return true;
      const authorization = bearerHeader(token);
      const holder = authorization ? await tokenHolder(deps.db, authorization) : undefined;
      if (!holder) metrics.rejectedTokens.inc();
      return holder !== undefined;
    },
    onSubscribe({ connectionParams, subscriptions, extra }, _id, payload) {
      // graphql-ws registers the operation before this hook: the count includes it.
      if (Object.keys(subscriptions).length > limits.maxPerConnection) {
        return [
          new GraphQLError(
            `at most ${limits.maxPerConnection} operations may run on one connection; complete one first`,
            { extensions: { code: "RATE_LIMITED" } },
          ),
        ];
      }
      // Parsed and validated here rather than by graphql-ws, which would close the whole socket
      // (4500) on a syntax error instead of answering the one operation.
      let document;
      try {
        document = parse(payload.query);
      } catch (error) {
        if (error instanceof GraphQLError) return [withCode(error, "GRAPHQL_PARSE_FAILED")];
        throw error;
      }
      // The same shape limits as over HTTP, before validation, whose cost they bound.
      try {
        checkShape(document, options.queryLimits);
      } catch (error) {
        if (error instanceof GraphQLError) return [error];
        throw error;
      }
      const errors = validate(schema, document);
      if (errors.length > 0) return errors.map((error) => withCode(error, "GRAPHQL_VALIDATION_FAILED"));
      // The same depth and cost limits as over HTTP.
      try {
        measureQuery(schema, document, payload.variables ?? undefined, payload.operationName, options.queryLimits);
      } catch (error) {
        if (error instanceof GraphQLError) return [error];
        throw error;
      }
      return {
        schema,
        document,
        operationName: payload.operationName,
        variableValues: payload.variables,
        contextValue: createContext(deps, {
          // Fastify's request logger is a pino child carrying the request id.
          log: extra.request.log as Logger,
          authorization: bearerHeader(connectionParams?.token),
          // The upgrade request's session cookie, resolved by the accounts plugin's hook.
          ...(extra.request.viewerState ? { viewer: extra.request.viewerState } : {}),
          ip: extra.request.ip,
        }),
      };
    },
    onNext({ extra }, _id, _payload, _args, result) {
      if (!result.errors) return undefined;
      return { ...result, errors: formatErrors(result.errors, extra.request.log as Logger) };
    },
    onError({ extra }, _id, _payload, errors) {
      // A subscription whose event queue overflowed: the process could not keep up with this
      // subscriber. Same contract as a full socket: 4008, reconnect and catch up.
      if (errors.some((error) => error.originalError instanceof SubscriberOverflowError)) extra.closeTooSlow();
      return formatErrors(errors, extra.request.log as Logger);
    },
  });

  return graphqlWsTransport(server, {
    maxBufferedBytes: limits.maxBufferedBytes,
    onOpen: () => metrics.connections.inc(),
    onClose: () => metrics.connections.dec(),
    onTooSlow: () => metrics.slowClosures.inc(),
  });
}

function withCode(error: GraphQLError, code: string): GraphQLError {
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    extensions: { ...error.extensions, code },
  });
}
