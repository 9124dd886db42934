import { Counter, Gauge, type Registry } from "prom-client";
import type { Database, StatementObserver } from "../db/client.js";
import { queueDepth } from "../db/queries/operations.queries.js";
import { platformVersion } from "../version.js";
import { RequestHistogram } from "./request-histogram.js";

/*
 * The metrics every process exposes, API and ETL alike: what it is, its database pool and
 * statements, Redis, and the queue. Each gauge is read when Prometheus scrapes, so keeping it
 * costs nothing between scrapes.
 */

/** Prometheus buckets of statement durations: a point read is sub-millisecond, a batch write 100s of ms. */
const STATEMENT_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

/** `cpantesters_info{kind,version} 1`: which processes run which version (and that they run). */
export function registerProcessInfo(registry: Registry, kind: string): void {
  new Gauge({
    name: "cpantesters_info",
    help: "1 for each running process, labelled with what it runs",
    labelNames: ["kind", "version"] as const,
    registers: [registry],
  }).set({ kind, version: platformVersion }, 1);
}

/** The histogram of statement durations; pass `observe` to the database as it is opened. */
export function statementMetrics(registry: Registry): StatementObserver {
  const statements = new RequestHistogram(
    "db_statement_duration_seconds",
    "Statements sent to Postgres, by outcome (ok or error); PGlite is not timed",
    ["outcome"],
    STATEMENT_BUCKETS,
    registry,
  );
  const ok = { outcome: "ok" };
  const failed = { outcome: "error" };
  return (seconds, error) => statements.observe(error ? failed : ok, seconds);
}

/** Connections of the pool: in use, idle, and queries waiting for one. */
export function registerPoolMetrics(registry: Registry, database: Pick<Database, "poolStats">): void {
  new Gauge({
    name: "db_pool_connections",
    help: "Connections of this process's Postgres pool, by state (idle or busy)",
    labelNames: ["state"] as const,
    registers: [registry],
    collect() {
      const stats = database.poolStats?.();
      if (!stats) return;
      this.set({ state: "idle" }, stats.idle);
      this.set({ state: "busy" }, stats.total - stats.idle);
    },
  });
  new Gauge({
    name: "db_pool_waiting",
    help: "Queries waiting for a connection of this process's pool",
    registers: [registry],
    collect() {
      this.set(database.poolStats?.().waiting ?? 0);
    },
  });
}

/** 1 while this process's Redis connection is ready; only when REDIS_URL is set. */
export function registerRedisMetrics(registry: Registry, isReady: () => boolean): void {
  new Gauge({
    name: "redis_up",
    help: "1 while this process's Redis connection is ready, 0 while it is away",
    registers: [registry],
    collect() {
      this.set(isReady() ? 1 : 0);
    },
  });
}

/**
 * The ETL queue, read from the database at each scrape (three index-only reads): every process
 * exposes it, so it is there while every worker is down, which is when it matters.
 */
export function registerQueueMetrics(registry: Registry, database: Pick<Database, "db">): void {
  let read: ReturnType<typeof queueDepth> | undefined;
  // The three gauges are collected one after the other within one scrape: one read serves them.
  const depth = () => {
    read ??= queueDepth(database.db).finally(() => setImmediate(() => (read = undefined)));
    return read;
  };
  new Gauge({
    name: "etl_documents_waiting",
    help: "Report documents stored and not yet processed (counted up to 100000)",
    registers: [registry],
    async collect() {
      this.set((await depth()).waiting);
    },
  });
  new Gauge({
    name: "etl_documents_failed",
    help: "Report documents the ETL could not process, waiting for an operator's retry",
    registers: [registry],
    async collect() {
      this.set((await depth()).failed);
    },
  });
  new Gauge({
    name: "etl_oldest_waiting_seconds",
    help: "Age of the oldest waiting document: how far behind the ETL is (0 when nothing waits)",
    registers: [registry],
    async collect() {
      const { oldestWaitingAt } = await depth();
      this.set(oldestWaitingAt ? Math.max(0, (Date.now() - oldestWaitingAt.getTime()) / 1000) : 0);
    },
  });
}

/** Counters kept elsewhere as plain numbers (the event bus's), exposed as Prometheus counters. */
export function countersFrom<K extends string>(
  registry: Registry,
  definitions: Record<K, { name: string; help: string }>,
  read: () => Readonly<Record<K, number>>,
): void {
  const keys = Object.keys(definitions) as K[];
  const counters = new Map<K, Counter>();
  const last = new Map<K, number>();
  // Each counter's collect brings all of them up to date; after the first, the deltas are 0.
  const update = () => {
    const now = read();
    for (const key of keys) {
      const delta = now[key] - (last.get(key) ?? 0);
      if (delta > 0) counters.get(key)?.inc(delta);
      last.set(key, now[key]);
    }
  };
  for (const key of keys) {
    const { name, help } = definitions[key];
    counters.set(key, new Counter({ name, help, registers: [registry], collect: update }));
  }
}
