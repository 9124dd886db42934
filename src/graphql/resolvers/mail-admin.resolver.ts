import { Arg, Ctx, Int, Query, Resolver } from "type-graphql";
import { requireAdmin } from "../../auth/admin.guard.js";
import { recentSignIns } from "../../db/queries/account.queries.js";
import { listMessages, outboxCounts } from "../../db/queries/outbox.queries.js";
import { OutboxStatus } from "../../db/schema/index.js";
import { AppError, ErrorCode } from "../../errors/index.js";
import type { GraphQLContext } from "../context.js";
import { MailMessage, OutboxStats, SignInRecord, toMailMessage, toSignInRecord } from "../types/mail.type.js";
import { accountsOf } from "./account-services.js";

const STATUSES = Object.values(OutboxStatus) as string[];

function checkFirst(first: number): void {
  if (first < 1 || first > 500) throw new AppError(ErrorCode.BAD_USER_INPUT, `first: expected 1..500, got ${first}`);
}

/** Operators' view of mail and sign-ins; every query needs an API token with the admin scope. */
@Resolver()
export class MailAdminResolver {
  @Query(() => [MailMessage], {
    description:
      "Operators (admin token): messages in the outbox, newest first, by status (queued, sent, kept, failed) and recipient. Bodies are not shown: they hold sign-in links.",
  })
  async outboxMessages(
    @Arg("status", () => String, {
      nullable: true,
      description: "queued, sent, kept or failed; every status when absent.",
    })
    status: string | null,
    @Arg("recipient", () => String, { nullable: true, description: "Only messages to this address." })
    recipient: string | null,
    @Arg("first", () => Int, { defaultValue: 50, description: "1..500" }) first: number,
    @Arg("beforeId", () => Int, { nullable: true, description: "Older than this id (paging)." })
    beforeId: number | null,
    @Ctx() context: GraphQLContext,
  ): Promise<MailMessage[]> {
    await requireAdmin(context.db, context.authorization);
    checkFirst(first);
    if (status != null && !STATUSES.includes(status)) {
      throw new AppError(
        ErrorCode.BAD_USER_INPUT,
        `status: expected one of ${STATUSES.join(", ")}, got ${JSON.stringify(status)}`,
      );
    }
    const rows = await listMessages(context.db, {
      status: (status ?? undefined) as OutboxStatus | undefined,
      recipient: recipient ?? undefined,
      beforeId: beforeId ?? undefined,
      limit: first,
    });
    return rows.map((row) => toMailMessage(row, false));
  }

  @Query(() => OutboxStats, { description: "Operators (admin token): messages by status and the age of the queue." })
  async outboxStats(@Ctx() context: GraphQLContext): Promise<OutboxStats> {
    await requireAdmin(context.db, context.authorization);
    const { byStatus, oldestQueuedAt } = await outboxCounts(context.db);
    return Object.assign(new OutboxStats(), {
      queued: byStatus.queued ?? 0,
      sent: byStatus.sent ?? 0,
      kept: byStatus.kept ?? 0,
      failed: byStatus.failed ?? 0,
      oldestQueuedAt,
      transport: accountsOf(context).outbox.via,
    });
  }

  @Query(() => [SignInRecord], { description: "Operators (admin token): the newest sign-ins." })
  async recentSignIns(
    @Arg("first", () => Int, { defaultValue: 50, description: "1..500" }) first: number,
    @Ctx() context: GraphQLContext,
  ): Promise<SignInRecord[]> {
    await requireAdmin(context.db, context.authorization);
    checkFirst(first);
    return (await recentSignIns(context.db, first)).map(toSignInRecord);
  }
}
