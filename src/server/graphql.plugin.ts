import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginCacheControl } from "@apollo/server/plugin/cacheControl";
import { ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import responseCachePlugin from "@apollo/server-plugin-response-cache";
import { fastifyApolloHandler } from "@as-integrations/fastify";
import type { FastifyInstance } from "fastify";
import { GraphQLError, parse, validate } from "graphql";
import { makeHandler } from "graphql-ws/use/@fastify/websocket";
import { type ApiDependencies, createContext, type GraphQLContext } from "../graphql/context.js";
import { formatGraphQLError } from "../graphql/errors.js";
import { measureQuery, type QueryLimits, queryLimitsPlugin } from "../graphql/limits.js";
import { buildApiSchema } from "../graphql/schema.js";
import type { Logger } from "../log.js";
import type { SharedCache } from "./key-value-cache.js";

/** Seconds a query registered by automatic persisted queries stays known. */
export const PERSISTED_QUERY_TTL = 86_400;

export interface GraphQLOptions {
  limits: QueryLimits;
  /** Cache whole responses by their hints (in `cache`). */
  responseCache: boolean;
  cache: SharedCache;
}

/** GraphQL over HTTP (Apollo) and over WebSocket (graphql-ws), both at /graphql. */
export async function registerGraphQL(
  app: FastifyInstance,
  deps: ApiDependencies,
  options: GraphQLOptions,
): Promise<void> {
  const schema = await buildApiSchema(deps.events);
  const apollo = new ApolloServer<GraphQLContext>({
    schema,
    formatError: formatGraphQLError(deps.log),
    logger: deps.log,
    // One cache for persisted queries and the response cache: Redis when configured.
    cache: options.cache.cache,
    persistedQueries: { ttl: PERSISTED_QUERY_TTL },
    plugins: [
      // The console is served by us (/console); Apollo's landing page would load Sandbox from a CDN.
      // No drain plugin: Fastify's close() drains requests and then stops Apollo through onClose
      // (the drain plugin would call close() from inside close() and wait forever).
      ApolloServerPluginLandingPageDisabled(),
      queryLimitsPlugin(options.limits),
      // Hints come from @cacheControl on the types (src/graphql/cache-hints.ts); anything without one
      // is not cached, and the response gets the smallest hint as its Cache-Control header.
      ApolloServerPluginCacheControl({ defaultMaxAge: 0, calculateHttpHeaders: true }),
      ...(options.responseCache ? [responseCachePlugin<GraphQLContext>()] : []),
    ],
    // Shutdown is ours (commands/lifecycle.ts); Apollo's own handler would re-raise the signal
    // after stopping and kill the process before the database is closed.
    stopOnTerminationSignals: false,
  });
  await apollo.start();
  app.addHook("onClose", () => apollo.stop());

  const handler = fastifyApolloHandler(apollo, {
    // Fastify's request logger is a pino child carrying the request id.
    context: async (request) =>
      createContext(deps, { log: request.log as Logger, authorization: request.headers.authorization }),
  });
  // GET serves both plain queries and the WebSocket upgrade for subscriptions.
  app.route({
    method: "GET",
    url: "/graphql",
    handler,
    wsHandler: makeHandler({
      schema,
      context: ({ connectionParams }) => createContext(deps, { authorization: bearerFrom(connectionParams) }),
      // Operations over the socket pass the same depth and cost limits as over HTTP.
      onSubscribe: (_ctx, _id, payload) => {
        try {
          const document = parse(payload.query);
          const errors = validate(schema, document);
          if (errors.length > 0) return errors;
          measureQuery(schema, document, payload.variables ?? undefined, payload.operationName, options.limits);
        } catch (error) {
          if (error instanceof GraphQLError) return [error];
          throw error;
        }
        return undefined;
      },
    }),
  });
  app.route({ method: ["POST", "OPTIONS"], url: "/graphql", handler });
}

/** A token sent in connection_init (`{ "token": "..." }`) as the Authorization header it stands for. */
function bearerFrom(params: Readonly<Record<string, unknown>> | undefined): string | undefined {
  const token = params?.token;
  return typeof token === "string" && token !== "" ? `Bearer ${token}` : undefined;
}
