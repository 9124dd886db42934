import { and, asc, count, desc, eq, gte, isNotNull, isNull, lt, sql, sum } from "drizzle-orm";
import type { Db } from "../client.js";
import {
  activityMinutes,
  type ComponentHeartbeatRow,
  componentHeartbeats,
  reportDocuments,
  reports,
} from "../schema/index.js";

/*
 * What the platform knows about itself: processes' heartbeats, their activity per minute, and the
 * queue's depth. Read by systemStatus, /metrics and the operations console; written by every
 * process's heartbeat.
 */

export async function upsertHeartbeat(db: Db, row: ComponentHeartbeatRow): Promise<void> {
  await db
    .insert(componentHeartbeats)
    .values(row)
    .onConflictDoUpdate({ target: componentHeartbeats.instance, set: { seenAt: row.seenAt, version: row.version } });
}

export async function removeHeartbeat(db: Db, instance: string): Promise<void> {
  await db.delete(componentHeartbeats).where(eq(componentHeartbeats.instance, instance));
}

export function listHeartbeats(db: Db): Promise<ComponentHeartbeatRow[]> {
  return db
    .select()
    .from(componentHeartbeats)
    .orderBy(asc(componentHeartbeats.kind), asc(componentHeartbeats.instance));
}

export interface ActivityRow {
  minute: Date;
  requests: number;
  received: number;
  processed: number;
  lagBuckets: number[];
}

/** Replaces this process's rows for the given minutes (each row holds the minute's totals so far). */
export async function writeActivity(db: Db, instance: string, rows: readonly ActivityRow[]): Promise<void> {
  if (rows.length === 0) return;
  const t = activityMinutes;
  await db
    .insert(t)
    .values(rows.map((row) => ({ ...row, instance })))
    .onConflictDoUpdate({
      target: [t.minute, t.instance],
      set: {
        requests: sql`excluded.${sql.identifier(t.requests.name)}`,
        received: sql`excluded.${sql.identifier(t.received.name)}`,
        processed: sql`excluded.${sql.identifier(t.processed.name)}`,
        lagBuckets: sql`excluded.${sql.identifier(t.lagBuckets.name)}`,
      },
    });
}

/** Forgets heartbeats and activity older than `before` (a day is all the status page shows). */
export async function pruneOperations(db: Db, before: Date): Promise<void> {
  await db.delete(componentHeartbeats).where(lt(componentHeartbeats.seenAt, before));
  await db.delete(activityMinutes).where(lt(activityMinutes.minute, before));
}

export interface MinuteTotals {
  minute: Date;
  requests: number;
  received: number;
  processed: number;
}

/** Every process's activity added up per minute since `since`, oldest first (minutes without any are absent). */
export async function activityPerMinute(db: Db, since: Date): Promise<MinuteTotals[]> {
  const t = activityMinutes;
  const rows = await db
    .select({
      minute: t.minute,
      requests: sum(t.requests).mapWith(Number),
      received: sum(t.received).mapWith(Number),
      processed: sum(t.processed).mapWith(Number),
    })
    .from(t)
    .where(gte(t.minute, since))
    .groupBy(t.minute)
    .orderBy(asc(t.minute));
  return rows;
}

/** The latency bucket counts of every process's minutes since `since`, one array per row. */
export async function lagBucketsSince(db: Db, since: Date): Promise<number[][]> {
  const rows = await db
    .select({ lagBuckets: activityMinutes.lagBuckets })
    .from(activityMinutes)
    .where(and(gte(activityMinutes.minute, since), sql`${activityMinutes.processed} > 0`));
  return rows.map((row) => row.lagBuckets);
}

/**
 * Waiting documents are counted up to this many: past it the count says "at least", and counting
 * stays an index scan of bounded length however far behind the ETL has fallen.
 */
export const QUEUE_COUNT_CAP = 100_000;

export interface QueueDepth {
  /** Waiting documents, at most QUEUE_COUNT_CAP. */
  waiting: number;
  failed: number;
  /** When the oldest waiting document was stored. */
  oldestWaitingAt: Date | null;
}

const d = reportDocuments;
const isWaiting = and(isNull(d.processedAt), isNull(d.error));

/** The queue in three index-only reads (the partial indexes of waiting and failed documents). */
export async function queueDepth(db: Db): Promise<QueueDepth> {
  const capped = db
    .select({ one: sql`1` })
    .from(d)
    .where(isWaiting)
    .limit(QUEUE_COUNT_CAP)
    .as("capped");
  const [[waiting], [failed], [oldest]] = await Promise.all([
    db.select({ n: count() }).from(capped),
    db.select({ n: count() }).from(d).where(isNotNull(d.error)),
    db.select({ receivedAt: d.receivedAt }).from(d).where(isWaiting).orderBy(asc(d.seq)).limit(1),
  ]);
  return { waiting: waiting?.n ?? 0, failed: failed?.n ?? 0, oldestWaitingAt: oldest?.receivedAt ?? null };
}

export interface LastProcessed {
  guid: string;
  dist: string;
  version: string;
  grade: string;
  receivedAt: Date;
  processedAt: Date | null;
}

/** The newest counted report, and when the ETL made it visible. */
export async function lastProcessedReport(db: Db): Promise<LastProcessed | null> {
  const r = reports;
  const [row] = await db
    .select({
      guid: r.guid,
      dist: r.dist,
      version: r.version,
      grade: r.grade,
      receivedAt: r.receivedAt,
      processedAt: d.processedAt,
    })
    .from(r)
    .leftJoin(d, eq(d.id, r.guid))
    .orderBy(desc(r.id))
    .limit(1);
  return row ?? null;
}
