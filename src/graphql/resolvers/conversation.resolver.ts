import DataLoader from "dataloader";
import {
  Arg,
  Ctx,
  FieldResolver,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
  Subscription,
  type SubscribeResolverData,
} from "type-graphql";
import { requireViewer, requireViewerWrite } from "../../auth/viewer.js";
import { findInvalidations } from "../../db/queries/invalidation.queries.js";
import { AppError, ErrorCode } from "../../errors/index.js";
import { type ConversationUpdatedPayload, Topic } from "../../events/index.js";
import { renderMarkdown } from "../../notify/conversations.js";
import type { GraphQLContext } from "../context.js";
import {
  ConversationMessage,
  ReportInvalidation,
  toConversationMessage,
  toReportInvalidation,
} from "../types/account.type.js";
import { Report } from "../types/report.type.js";
import { accountsOf } from "./account-services.js";

// One statement per request for every report's invalidation asked.
const invalidationLoaders = new WeakMap<GraphQLContext, DataLoader<string, ReportInvalidation | null>>();

function invalidationLoader(context: GraphQLContext): DataLoader<string, ReportInvalidation | null> {
  let loader = invalidationLoaders.get(context);
  if (!loader) {
    loader = new DataLoader(async (guids: readonly string[]) => {
      const rows = new Map((await findInvalidations(context.db, guids)).map((row) => [row.guid, row]));
      return guids.map((guid) => {
        const row = rows.get(guid);
        return row ? toReportInvalidation(row) : null;
      });
    });
    invalidationLoaders.set(context, loader);
  }
  return loader;
}

@Resolver(() => Report)
export class ConversationResolver {
  @FieldResolver(() => ReportInvalidation, {
    nullable: true,
    description: "The author's mark that this report is invalid (it counts nowhere while marked); null when it counts.",
  })
  invalidation(@Root() report: Report, @Ctx() context: GraphQLContext): Promise<ReportInvalidation | null> {
    return invalidationLoader(context).load(report.guid);
  }

  @Query(() => [ConversationMessage], {
    description:
      "The conversation on a report between its distribution's author and its tester, oldest first; only those two may read it.",
  })
  async conversation(
    @Arg("reportGuid", () => String, { description: "The report GUID." }) reportGuid: string,
    @Arg("first", () => Int, { defaultValue: 100, description: "1..500" }) first: number,
    @Arg("afterId", () => Int, { defaultValue: 0, description: "Messages after this id (paging)." }) afterId: number,
    @Ctx() context: GraphQLContext,
  ): Promise<ConversationMessage[]> {
    if (first < 1 || first > 500) throw new AppError(ErrorCode.BAD_USER_INPUT, `first: expected 1..500, got ${first}`);
    const viewer = requireViewer(context.viewer);
    const rows = await accountsOf(context).conversations.messages(viewer, reportGuid.toLowerCase(), afterId, first);
    return rows.map((row) => toConversationMessage(row, renderMarkdown(row.body)));
  }

  @Mutation(() => ConversationMessage, {
    description:
      "Writes to the other side of a report's conversation (markdown, at most 20,000 characters; raw HTML is shown as text); the other side is mailed with a reply link. Needs the X-CSRF-Token header.",
  })
  async postMessage(
    @Arg("reportGuid", () => String, { description: "The report GUID." }) reportGuid: string,
    @Arg("body", () => String, { description: "The message, in markdown (at most 20,000 characters)." }) body: string,
    @Ctx() context: GraphQLContext,
  ): Promise<ConversationMessage> {
    const viewer = requireViewerWrite(context.viewer);
    const row = await accountsOf(context).conversations.post(viewer, reportGuid.toLowerCase(), body);
    return toConversationMessage(row, renderMarkdown(row.body));
  }

  @Subscription(() => ConversationMessage, {
    description: "New messages in a report's conversation, for its author and its tester (signed in).",
    subscribe: async ({ args, context }: SubscribeResolverData<unknown, { reportGuid: string }, GraphQLContext>) => {
      const viewer = requireViewer(context.viewer);
      const guid = args.reportGuid.toLowerCase();
      await accountsOf(context).conversations.party(viewer, guid);
      return context.events.on(Topic.conversationUpdated, { filter: (event) => event.reportGuid === guid });
    },
  })
  async conversationUpdated(
    @Root() payload: ConversationUpdatedPayload,
    @Arg("reportGuid", () => String, { description: "The report GUID." }) _reportGuid: string,
    @Ctx() context: GraphQLContext,
  ): Promise<ConversationMessage> {
    const [row] = await accountsOf(context).conversations.messages(
      requireViewer(context.viewer),
      payload.reportGuid,
      payload.messageId - 1,
      1,
    );
    if (!row) throw new AppError(ErrorCode.NOT_FOUND, `message ${payload.messageId} not found`);
    return toConversationMessage(row, renderMarkdown(row.body));
  }

  @Mutation(() => ReportInvalidation, {
    description:
      "Marks a report of the signed-in author's distribution invalid, with a reason: it leaves every count, matrix and statistic at once and its tester is mailed. Marking it again changes nothing. Needs the X-CSRF-Token header.",
  })
  async markReportInvalid(
    @Arg("reportGuid", () => String, { description: "The report GUID." }) reportGuid: string,
    @Arg("reason", () => String, { description: "Why the report is invalid (told to the tester)." }) reason: string,
    @Ctx() context: GraphQLContext,
  ): Promise<ReportInvalidation> {
    const viewer = requireViewerWrite(context.viewer);
    return toReportInvalidation(await accountsOf(context).invalidations.mark(viewer, reportGuid.toLowerCase(), reason));
  }

  @Mutation(() => Boolean, {
    description: "Counts a report marked invalid again; false when it was not marked. Needs the X-CSRF-Token header.",
  })
  async unmarkReportInvalid(
    @Arg("reportGuid", () => String, { description: "The report GUID." }) reportGuid: string,
    @Ctx() context: GraphQLContext,
  ): Promise<boolean> {
    const viewer = requireViewerWrite(context.viewer);
    return accountsOf(context).invalidations.unmark(viewer, reportGuid.toLowerCase());
  }
}
