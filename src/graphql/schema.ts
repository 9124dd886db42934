import "reflect-metadata";
import { type GraphQLSchema, printSchema, specifiedDirectives } from "graphql";
import { buildSchema } from "type-graphql";
import type { EventBus } from "../events/index.js";
import { createMemoryEventBus } from "../events/memory-event-bus.js";
import { cacheControlDirective } from "./cache-hints.js";
import { AuthorResolver } from "./resolvers/author.resolver.js";
import { DistributionResolver } from "./resolvers/distribution.resolver.js";
import { NodeResolver } from "./resolvers/node.resolver.js";
import { PerlVersionResolver } from "./resolvers/perl-version.resolver.js";
import { ReleaseResolver } from "./resolvers/release.resolver.js";
import { ReportResolver } from "./resolvers/report.resolver.js";
import { SearchResolver } from "./resolvers/search.resolver.js";
import { ServerInfoResolver } from "./resolvers/server-info.resolver.js";
import { StatisticsResolver } from "./resolvers/statistics.resolver.js";
import { UploadResolver } from "./resolvers/upload.resolver.js";

const resolvers = [
  ServerInfoResolver,
  NodeResolver,
  ReportResolver,
  ReleaseResolver,
  DistributionResolver,
  AuthorResolver,
  UploadResolver,
  PerlVersionResolver,
  StatisticsResolver,
  SearchResolver,
] as const;

/** The executable schema; subscriptions read from `events`. */
export async function buildApiSchema(events: EventBus): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers,
    pubSub: events,
    validate: false,
    directives: [...specifiedDirectives, cacheControlDirective],
  });
  // type-graphql has no option for the root type's description; the console shows it first.
  const query = schema.getQueryType();
  if (query) {
    query.description =
      "The CPAN Testers read API: reports, releases, distributions, authors, uploads, matrices, statistics and " +
      "search. Lists are Relay connections (first 1..100, after); a request may cost at most QUERY_COST_LIMIT.";
  }
  return schema;
}

/** The SDL committed as schema.graphql, in the order the code declares it. */
export async function printApiSchema(): Promise<string> {
  const events = createMemoryEventBus();
  const schema = await buildApiSchema(events);
  await events.close();
  return `${printSchema(schema)}\n`;
}
