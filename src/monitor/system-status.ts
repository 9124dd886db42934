import type { Db } from "../db/client.js";
import {
  activityPerMinute,
  lagBucketsSince,
  lastProcessedReport,
  type LastProcessed,
  listHeartbeats,
  type MinuteTotals,
  queueDepth,
  QUEUE_COUNT_CAP,
} from "../db/queries/operations.queries.js";
import type { Logger } from "../log.js";
import { cachedValue } from "../cached-value.js";
import { addBuckets, lagQuantile } from "./activity.js";

export type ComponentState = "up" | "down" | "not_configured";

export interface ComponentStatus {
  /** api | etl | database | redis | mail */
  kind: string;
  /** The process (`api:host:pid`) for instances; the kind again for shared services. */
  name: string;
  state: ComponentState;
  /** When it last said it was alive (instances) or answered (services). */
  lastSeenAt: Date | null;
  detail: string | null;
}

export interface SystemStatus {
  checkedAt: Date;
  /** Every configured component up, and at least one API instance and one ETL worker among them. */
  healthy: boolean;
  components: ComponentStatus[];
  /** Per minute over the last 24 h, oldest first; minutes without any activity are absent. */
  minutes: MinuteTotals[];
  waitingDocuments: number;
  /** True when waitingDocuments hit QUEUE_COUNT_CAP: at least that many. */
  waitingCapped: boolean;
  failedDocuments: number;
  /** Age of the oldest waiting document: how far behind the ETL is now (0 when nothing waits). */
  lagSeconds: number;
  /** 99th percentile of report-to-visible latency over the last hour; null when nothing was processed. */
  lagP99Seconds: number | null;
  lastProcessed: LastProcessed | null;
}

/** A service other than the database that the status checks (Redis, mail); absent: not configured. */
export type Probe = () => Promise<{ up: boolean; detail?: string }>;

export interface StatusSources {
  db: Db;
  log: Logger;
  redis?: Probe | undefined;
  mail?: Probe | undefined;
  now?: () => number;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;
/** A heartbeat this many intervals late is a component that is down. */
const MISSED_BEATS = 3;

/** Builds the status from the shared rows; the database being down is itself a status, not an error. */
export async function readSystemStatus(sources: StatusSources): Promise<SystemStatus> {
  const now = sources.now?.() ?? Date.now();
  const checkedAt = new Date(now);
  const [redis, mail] = await Promise.all([probe(sources.redis, "redis"), probe(sources.mail, "mail")]);
  let read;
  try {
    const { db } = sources;
    const [heartbeats, minutes, buckets, queue, last] = await Promise.all([
      listHeartbeats(db),
      activityPerMinute(db, new Date(now - DAY_MS)),
      lagBucketsSince(db, new Date(now - HOUR_MS)),
      queueDepth(db),
      lastProcessedReport(db),
    ]);
    read = { heartbeats, minutes, buckets, queue, last };
  } catch (error) {
    sources.log.warn({ err: error }, "system status: the database did not answer");
    const database: ComponentStatus = {
      kind: "database",
      name: "database",
      state: "down",
      lastSeenAt: null,
      detail: error instanceof Error ? error.message : String(error),
    };
    return {
      checkedAt,
      healthy: false,
      components: [database, redis, mail],
      minutes: [],
      waitingDocuments: 0,
      waitingCapped: false,
      failedDocuments: 0,
      lagSeconds: 0,
      lagP99Seconds: null,
      lastProcessed: null,
    };
  }
  const instances: ComponentStatus[] = read.heartbeats.map((beat) => ({
    kind: beat.kind,
    name: beat.instance,
    state: now - beat.seenAt.getTime() <= beat.intervalMs * MISSED_BEATS ? "up" : "down",
    lastSeenAt: beat.seenAt,
    detail: `version ${beat.version}, started ${beat.startedAt.toISOString()}`,
  }));
  const database: ComponentStatus = {
    kind: "database",
    name: "database",
    state: "up",
    lastSeenAt: checkedAt,
    detail: null,
  };
  const components = [...instances, database, redis, mail];
  const upKinds = new Set(instances.filter((c) => c.state === "up").map((c) => c.kind));
  const { queue } = read;
  return {
    checkedAt,
    healthy:
      upKinds.has("api") &&
      upKinds.has("etl") &&
      components.every((c) => c.kind === "api" || c.kind === "etl" || c.state !== "down"),
    components,
    minutes: read.minutes,
    waitingDocuments: queue.waiting,
    waitingCapped: queue.waiting >= QUEUE_COUNT_CAP,
    failedDocuments: queue.failed,
    lagSeconds: queue.oldestWaitingAt ? Math.max(0, (now - queue.oldestWaitingAt.getTime()) / 1000) : 0,
    lagP99Seconds: lagQuantile(
      read.buckets.reduce((sum, row) => addBuckets(sum, row), []),
      0.99,
    ),
    lastProcessed: read.last,
  };
}

async function probe(check: Probe | undefined, kind: string): Promise<ComponentStatus> {
  if (!check) return { kind, name: kind, state: "not_configured", lastSeenAt: null, detail: null };
  try {
    const { up, detail } = await check();
    return { kind, name: kind, state: up ? "up" : "down", lastSeenAt: up ? new Date() : null, detail: detail ?? null };
  } catch (error) {
    return {
      kind,
      name: kind,
      state: "down",
      lastSeenAt: null,
      detail: error instanceof Error ? error.message : String(error),
    };
  }
}

/**
 * The status, computed at most once per `maxAgeMs` and shared by every caller meanwhile, and once
 * stale recomputed behind the last one: a status page polled by many browsers costs the database
 * one set of reads per period, and no caller waits for them but the first.
 */
export function cachedSystemStatus(sources: StatusSources, maxAgeMs: number): () => Promise<SystemStatus> {
  return cachedValue(() => readSystemStatus(sources), maxAgeMs, sources.now ?? Date.now);
}
