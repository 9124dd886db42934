import "reflect-metadata";
import { type GraphQLSchema, printSchema } from "graphql";
import { buildSchema } from "type-graphql";
import type { EventBus } from "../events/index.js";
import { createMemoryEventBus } from "../events/memory-event-bus.js";
import { DistributionResolver, ReleaseResolver } from "./resolvers/release.resolver.js";
import { ReleaseUpdatedResolver } from "./resolvers/release-updated.resolver.js";
import { ReportProcessedResolver } from "./resolvers/report-processed.resolver.js";
import { ReportSubmitResolver } from "./resolvers/report-submit.resolver.js";
import { ServerInfoResolver } from "./resolvers/server-info.resolver.js";
import { UploadAddResolver } from "./resolvers/upload-add.resolver.js";
import { UploadAddedResolver } from "./resolvers/upload-added.resolver.js";

const resolvers = [
  ServerInfoResolver,
  ReleaseResolver,
  DistributionResolver,
  ReportSubmitResolver,
  UploadAddResolver,
  ReportProcessedResolver,
  ReleaseUpdatedResolver,
  UploadAddedResolver,
] as const;

/** The executable schema; subscriptions read from `events`. */
export function buildApiSchema(events: EventBus): Promise<GraphQLSchema> {
  return buildSchema({ resolvers, pubSub: events, validate: false });
}

/** The SDL committed as schema.graphql, in the order the code declares it. */
export async function printApiSchema(): Promise<string> {
  const events = createMemoryEventBus();
  const schema = await buildApiSchema(events);
  await events.close();
  return `${printSchema(schema)}\n`;
}
