import { ApolloServer, type ApolloServerPlugin } from "@apollo/server";
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from "@apollo/server/plugin/disabled";
import { fastifyApolloHandler } from "@as-integrations/fastify";
import type { FastifyInstance } from "fastify";
import type { GraphQLSchema } from "graphql";
import { cachePolicyPlugin } from "../graphql/execution/cache-policy.js";
import { compiledGateway } from "../graphql/execution/compiled-executor.js";
import { type ApiDependencies, createContext, type GraphQLContext } from "../graphql/context.js";
import { graphqlErrorHandling, unavailableStatusPlugin } from "../graphql/errors.js";
import { type QueryLimits, queryLimitsPlugin } from "../graphql/execution/limits.js";
import { shapeLimitsRule } from "../graphql/execution/query-shape.js";
import { requestErrorsPlugin } from "../graphql/execution/request-errors.js";
import { refreshingResponseCache } from "../graphql/execution/response-cache.js";
import { buildApiSchema } from "../graphql/schema.js";
import type { RateCounter } from "../auth/rate.counter.js";
import type { RateLimiter } from "../auth/rate.limiter.js";
import type { AbuseLimits, GraphQLLimits, SubscriptionLimits } from "../config.js";
import type { Logger } from "../log.js";
import { graphqlHttpLimits } from "./graphql-limits.js";
import { graphqlWsHandler } from "./graphql-ws.handler.js";
import { graphqlBudgetPlugin, withRequester } from "./graphql-budget.plugin.js";
import type { SharedCache } from "./key-value-cache.js";
import { boundedPersistedQueries } from "./persisted-queries.js";
import type { LiveMetrics } from "./live.metrics.js";

export interface GraphQLOptions {
  limits: QueryLimits;
  /** Body, response and time limits of a request (GRAPHQL_* settings). */
  http: Pick<GraphQLLimits, "bodyBytes" | "responseBytes" | "timeoutMs">;
  subscriptions: SubscriptionLimits;
  liveMetrics: LiveMetrics;
  /** Duration and errors by operation, response cache hits (graphql/execution/operation-metrics.ts). */
  operationMetrics?: ApolloServerPlugin<GraphQLContext> | undefined;
  /** Cache whole responses by their hints (in `cache`). */
  responseCache: boolean;
  /** Our own faults' messages and stacks reach clients (EXPOSE_ERROR_DETAILS). */
  exposeErrorDetails: boolean;
  cache: SharedCache;
  /** Counts shared by the instances: the persisted-query registrations. */
  counter: RateCounter;
  /** The points budget of GraphQL over HTTP; absent when rate limits are off. */
  limiter: RateLimiter | undefined;
  abuse: AbuseLimits;
}

/**
 * GraphQL over HTTP (Apollo) and over WebSocket (graphql-ws), both at /graphql. Returns the
 * schema, which the web app's pages execute their operations against in-process.
 */
export async function registerGraphQL(
  app: FastifyInstance,
  deps: ApiDependencies,
  options: GraphQLOptions,
): Promise<GraphQLSchema> {
  const schema = await buildApiSchema(deps.events);
  const errors = graphqlErrorHandling<GraphQLContext>(deps.log, { exposeDetails: options.exposeErrorDetails });
  const apollo: ApolloServer<GraphQLContext> = new ApolloServer<GraphQLContext>({
    // Executes through graphql-jit (compiled-executor.ts); `schema` is what the gateway hands Apollo.
    gateway: compiledGateway(schema, options.http),
    // Shape limits (fields, aliases, root fields) before the rules whose cost they bound.
    validationRules: [shapeLimitsRule(options.limits)],
    formatError: errors.formatError,
    // Apollo's default follows NODE_ENV; a production server started without it would leak stacks.
    includeStacktraceInErrorResponses: options.exposeErrorDetails,
    logger: deps.log,
    // One cache for persisted queries and the response cache: Redis when configured.
    cache: options.cache.cache,
    persistedQueries: {
      cache: boundedPersistedQueries(options.cache.cache, options.counter, options.abuse),
      ttl: options.abuse.persistedQueryTtlSeconds,
    },
    // The console and codegen read the schema by introspection, NODE_ENV=production or not.
    introspection: true,
    plugins: [
      // The console is served by us (/console); Apollo's landing page would load Sandbox from a CDN.
      // No drain plugin: Fastify's close() drains requests and then stops Apollo through onClose
      // (the drain plugin would call close() from inside close() and wait forever).
      ApolloServerPluginLandingPageDisabled(),
      // Logs each error with its request's id before formatError masks it.
      errors.plugin,
      ...(options.operationMetrics ? [options.operationMetrics] : []),
      requestErrorsPlugin(),
      queryLimitsPlugin(options.limits),
      unavailableStatusPlugin(),
      ...(options.limiter ? [graphqlBudgetPlugin<GraphQLContext>(options.limiter, options.abuse, options.limits)] : []),
      // Hints come from @cacheControl on the types (src/graphql/execution/cache-hints.ts); anything without one
      // is not cached, and the response gets the smallest hint as its Cache-Control header.
      ApolloServerPluginCacheControlDisabled(),
      cachePolicyPlugin({ defaultMaxAge: 0 }),
      ...(options.responseCache
        ? refreshingResponseCache<GraphQLContext>(
            async (request, mark) => apollo.executeOperation(request, { contextValue: mark(createContext(deps)) }),
            deps.log,
          )
        : []),
    ],
    // Shutdown is ours (commands/lifecycle.ts); Apollo's own handler would re-raise the signal
    // after stopping and kill the process before the database is closed.
    stopOnTerminationSignals: false,
  });
  await apollo.start();
  app.addHook("onClose", () => apollo.stop());

  const handler = fastifyApolloHandler(apollo, {
    // Fastify's request logger is a pino child carrying the request id.
    context: async (request) => {
      const { authorization } = request.headers;
      const context = createContext(deps, {
        log: request.log as Logger,
        authorization,
        ...(request.viewerState ? { viewer: request.viewerState } : {}),
        ip: request.ip,
        requestId: request.id,
      });
      return withRequester(context, { ip: request.ip, authorization });
    },
  });
  const limits = graphqlHttpLimits(options.http);
  // GET serves both plain queries and the WebSocket upgrade for subscriptions.
  app.route({
    method: "GET",
    url: "/graphql",
    handler,
    onSend: limits.onSend,
    wsHandler: graphqlWsHandler(schema, deps, {
      queryLimits: options.limits,
      exposeErrorDetails: options.exposeErrorDetails,
      subscriptions: options.subscriptions,
      metrics: options.liveMetrics,
    }),
  });
  app.route({ method: ["POST", "OPTIONS"], url: "/graphql", handler, ...limits });
  return schema;
}
