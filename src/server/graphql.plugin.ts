import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { fastifyApolloHandler } from "@as-integrations/fastify";
import type { FastifyInstance } from "fastify";
import type { SubscriptionLimits } from "../config.js";
import { type ApiDependencies, createContext, type GraphQLContext } from "../graphql/context.js";
import { formatGraphQLError } from "../graphql/errors.js";
import { buildApiSchema } from "../graphql/schema.js";
import type { Logger } from "../log.js";
import { graphqlWsHandler } from "./graphql-ws.handler.js";
import type { LiveMetrics } from "./live.metrics.js";

export interface LiveOptions {
  limits: SubscriptionLimits;
  metrics: LiveMetrics;
}

/** GraphQL over HTTP (Apollo) and over WebSocket (graphql-ws), both at /graphql. */
export async function registerGraphQL(app: FastifyInstance, deps: ApiDependencies, live: LiveOptions): Promise<void> {
  const schema = await buildApiSchema(deps.events);
  const apollo = new ApolloServer<GraphQLContext>({
    schema,
    formatError: formatGraphQLError(deps.log),
    // The console is served by us (/console); Apollo's landing page would load Sandbox from a CDN.
    // No drain plugin: Fastify's close() drains requests and then stops Apollo through onClose
    // (the drain plugin would call close() from inside close() and wait forever).
    plugins: [ApolloServerPluginLandingPageDisabled()],
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
    wsHandler: graphqlWsHandler(schema, deps, live.limits, live.metrics),
  });
  app.route({ method: ["POST", "OPTIONS"], url: "/graphql", handler });
}
