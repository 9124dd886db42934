import { randomBytes } from "node:crypto";
import { and, count, desc, eq, inArray, lt, lte, min, sql } from "drizzle-orm";
import { asDate, type Db } from "../client.js";
import { type OutboxMessageRow, outboxMessages, OutboxStatus, unsubscribeTokens } from "../schema/index.js";

export type NewOutboxMessage = Pick<
  typeof outboxMessages.$inferInsert,
  "idempotencyKey" | "kind" | "recipient" | "subject" | "textBody" | "htmlBody" | "headers"
>;

/**
 * Queues a rendered message once per idempotency key: the id of the new row, or undefined when a
 * message with this key was queued before (a retried digest, a report seen twice).
 */
export async function enqueueMessage(db: Db, message: NewOutboxMessage, now: Date): Promise<number | undefined> {
  const [row] = await db
    .insert(outboxMessages)
    .values({ ...message, createdAt: now, nextAttemptAt: now })
    .onConflictDoNothing({ target: outboxMessages.idempotencyKey })
    .returning({ id: outboxMessages.id });
  return row?.id;
}

/** Queues many messages in one statement; the ids of those not queued before. */
export async function enqueueMessages(db: Db, messages: readonly NewOutboxMessage[], now: Date): Promise<number[]> {
  if (messages.length === 0) return [];
  const rows = await db
    .insert(outboxMessages)
    .values(messages.map((message) => ({ ...message, createdAt: now, nextAttemptAt: now })))
    .onConflictDoNothing({ target: outboxMessages.idempotencyKey })
    .returning({ id: outboxMessages.id });
  return rows.map((row) => row.id);
}

export async function findMessage(db: Db, id: number): Promise<OutboxMessageRow | undefined> {
  const [row] = await db.select().from(outboxMessages).where(eq(outboxMessages.id, id));
  return row;
}

/** Records a delivery (sent by SMTP, or kept in the development mailbox). */
export async function markDelivered(db: Db, id: number, status: "sent" | "kept", now: Date): Promise<void> {
  await db
    .update(outboxMessages)
    .set({ status, sentAt: now, attempts: sql`${outboxMessages.attempts} + 1`, lastError: null })
    .where(eq(outboxMessages.id, id));
}

/** Records a failed attempt: queued again at `retryAt`, or failed for good when it is undefined. */
export async function markAttemptFailed(db: Db, id: number, error: string, retryAt: Date | undefined): Promise<void> {
  await db
    .update(outboxMessages)
    .set({
      status: retryAt ? OutboxStatus.queued : OutboxStatus.failed,
      attempts: sql`${outboxMessages.attempts} + 1`,
      lastError: error.slice(0, 2_000),
      ...(retryAt ? { nextAttemptAt: retryAt } : {}),
    })
    .where(eq(outboxMessages.id, id));
}

/** Queued messages whose next attempt is due (the sweep that catches a job lost with its process). */
export async function dueMessageIds(db: Db, now: Date, limit: number): Promise<number[]> {
  const rows = await db
    .select({ id: outboxMessages.id })
    .from(outboxMessages)
    .where(and(eq(outboxMessages.status, OutboxStatus.queued), lte(outboxMessages.nextAttemptAt, now)))
    .orderBy(outboxMessages.nextAttemptAt)
    .limit(limit);
  return rows.map((row) => row.id);
}

/** Messages newest first, optionally of one status or one recipient, before an id (paging). */
export function listMessages(
  db: Db,
  filter: {
    status?: OutboxStatus | undefined;
    recipient?: string | undefined;
    beforeId?: number | undefined;
    limit: number;
  },
): Promise<OutboxMessageRow[]> {
  const conditions = [
    filter.status ? eq(outboxMessages.status, filter.status) : undefined,
    filter.recipient ? eq(outboxMessages.recipient, filter.recipient) : undefined,
    filter.beforeId ? lt(outboxMessages.id, filter.beforeId) : undefined,
  ].filter((c) => c !== undefined);
  return db
    .select()
    .from(outboxMessages)
    .where(conditions.length > 0 ? and(...conditions) : undefined)
    .orderBy(desc(outboxMessages.id))
    .limit(filter.limit);
}

/** Messages by status, and when the oldest still queued was queued (the queue's age). */
export async function outboxCounts(db: Db): Promise<{ byStatus: Record<string, number>; oldestQueuedAt: Date | null }> {
  const rows = await db
    .select({ status: outboxMessages.status, n: count(), oldest: min(outboxMessages.createdAt) })
    .from(outboxMessages)
    .groupBy(outboxMessages.status);
  const byStatus: Record<string, number> = { queued: 0, sent: 0, kept: 0, failed: 0 };
  let oldestQueuedAt: Date | null = null;
  for (const row of rows) {
    byStatus[row.status] = Number(row.n);
    if (row.status === OutboxStatus.queued && row.oldest) oldestQueuedAt = asDate(row.oldest);
  }
  return { byStatus, oldestQueuedAt };
}

/** The author's one-click unsubscribe token, made on first use. */
export async function unsubscribeTokenOf(db: Db, author: string): Promise<string> {
  await db
    .insert(unsubscribeTokens)
    .values({ author, token: randomBytes(24).toString("base64url") })
    .onConflictDoNothing({ target: unsubscribeTokens.author });
  const [row] = await db.select().from(unsubscribeTokens).where(eq(unsubscribeTokens.author, author));
  if (!row) throw new Error(`no unsubscribe token for ${author}`);
  return row.token;
}

/** The unsubscribe tokens of many authors, made on first use, in two statements. */
export async function unsubscribeTokensOf(db: Db, authors: readonly string[]): Promise<Map<string, string>> {
  if (authors.length === 0) return new Map();
  await db
    .insert(unsubscribeTokens)
    .values(authors.map((author) => ({ author, token: randomBytes(24).toString("base64url") })))
    .onConflictDoNothing();
  const rows = await db
    .select()
    .from(unsubscribeTokens)
    .where(inArray(unsubscribeTokens.author, [...authors]));
  return new Map(rows.map((row) => [row.author, row.token]));
}

export async function authorOfUnsubscribeToken(db: Db, token: string): Promise<string | undefined> {
  const [row] = await db.select().from(unsubscribeTokens).where(eq(unsubscribeTokens.token, token));
  return row?.author;
}
