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
export function buildApiSchema(events: EventBus): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers,
    pubSub: events,
    validate: false,
    directives: [...specifiedDirectives, cacheControlDirective],
  });
}

/** The SDL committed as schema.graphql, in the order the code declares it. */
export async function printApiSchema(): Promise<string> {
  const events = createMemoryEventBus();
  const schema = await buildApiSchema(events);
  await events.close();
  return `${printSchema(schema)}\n`;
}
