import "reflect-metadata";
import { type GraphQLSchema, printSchema, specifiedDirectives } from "graphql";
import { buildSchema } from "type-graphql";
import type { EventBus } from "../events/index.js";
import { createMemoryEventBus } from "../events/memory-event-bus.js";
import { cacheControlDirective } from "./execution/cache-hints.js";
import { AccountResolver } from "./resolvers/account.resolver.js";
import { AdminResolver } from "./resolvers/admin.resolver.js";
import { AuthorResolver } from "./resolvers/author.resolver.js";
import { ConversationResolver } from "./resolvers/conversation.resolver.js";
import { MailAdminResolver } from "./resolvers/mail-admin.resolver.js";
import { NotificationSettingsResolver } from "./resolvers/notification-settings.resolver.js";
import { DistributionResolver } from "./resolvers/distribution.resolver.js";
import { NodeResolver } from "./resolvers/node.resolver.js";
import { PerlVersionResolver } from "./resolvers/perl-version.resolver.js";
import { ReleaseResolver } from "./resolvers/release.resolver.js";
import { ReportResolver } from "./resolvers/report.resolver.js";
import { ReleaseUpdatedResolver } from "./resolvers/release-updated.resolver.js";
import { ReportProcessedResolver } from "./resolvers/report-processed.resolver.js";
import { ReportSubmitResolver } from "./resolvers/report-submit.resolver.js";
import { SearchResolver } from "./resolvers/search.resolver.js";
import { ServerInfoResolver } from "./resolvers/server-info.resolver.js";
import { StatisticsResolver } from "./resolvers/statistics.resolver.js";
import { TesterResolver } from "./resolvers/tester.resolver.js";
import { SystemStatusResolver } from "./resolvers/system-status.resolver.js";
import { UploadResolver } from "./resolvers/upload.resolver.js";
import { UploadAddResolver } from "./resolvers/upload-add.resolver.js";
import { UploadAddedResolver } from "./resolvers/upload-added.resolver.js";
// Last: its types are emitted after the others', keeping schema.graphql's order stable.
import { analysisResolvers } from "./resolvers/analysis.resolver.js";

const resolvers = [
  ServerInfoResolver,
  SystemStatusResolver,
  NodeResolver,
  ReportResolver,
  ReleaseResolver,
  DistributionResolver,
  AuthorResolver,
  UploadResolver,
  PerlVersionResolver,
  StatisticsResolver,
  TesterResolver,
  SearchResolver,
  ReportSubmitResolver,
  UploadAddResolver,
  ReportProcessedResolver,
  ReleaseUpdatedResolver,
  UploadAddedResolver,
  ...analysisResolvers,
  AccountResolver,
  NotificationSettingsResolver,
  ConversationResolver,
  MailAdminResolver,
  AdminResolver,
] as const;

const rootDescriptions = {
  query:
    "The CPAN Testers read API: reports, releases, distributions, authors, uploads, matrices, statistics and " +
    "search. Lists are Relay connections (first 1..100, after); a request may cost at most QUERY_COST_LIMIT.",
  mutation:
    "Writes: submitting test reports (and, for uploaders, recording uploads), each with an API token; and, for people signed in to the web app, sign-in, notification settings, conversations and invalid marks (session cookie and X-CSRF-Token header).",
  subscription: "Live events over graphql-ws on /graphql, filtered on the server.",
};

/** The executable schema; subscriptions read from `events`. */
export async function buildApiSchema(events: EventBus): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers,
    pubSub: events,
    validate: false,
    directives: [...specifiedDirectives, cacheControlDirective],
  });
  // type-graphql has no option for the root types' descriptions; the console shows them first.
  for (const [root, description] of [
    [schema.getQueryType(), rootDescriptions.query],
    [schema.getMutationType(), rootDescriptions.mutation],
    [schema.getSubscriptionType(), rootDescriptions.subscription],
  ] as const) {
    if (root) root.description = description;
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
