import { sql } from "drizzle-orm";
import { integer, jsonb, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

/**
 * Each running process (API instance, ETL worker) says it is alive here every few seconds, so that
 * any instance can tell which components are up without Prometheus. A row not renewed within three
 * intervals is a component that is down (or gone); rows older than a day are removed.
 */
export const componentHeartbeats = pgTable("component_heartbeats", {
  /** Unique per process: kind, host and pid, e.g. `api:web-1:4312`. */
  instance: text("instance").primaryKey(),
  /** api | etl */
  kind: text("kind").notNull(),
  version: text("version").notNull(),
  startedAt: timestamp("started_at", { withTimezone: true }).notNull(),
  seenAt: timestamp("seen_at", { withTimezone: true }).notNull(),
  /** How often this process beats, so that readers know when it is late. */
  intervalMs: integer("interval_ms").notNull(),
});

/**
 * Reports received and processed per minute by each process, flushed with its heartbeat: the
 * status page's throughput chart and lag percentile read the last day of it. Per process, so that
 * no two processes write the same row (no hot row under load).
 */
export const activityMinutes = pgTable(
  "activity_minutes",
  {
    minute: timestamp("minute", { withTimezone: true }).notNull(),
    instance: text("instance").notNull(),
    /** HTTP requests answered (API instances). */
    requests: integer("requests").notNull().default(0),
    received: integer("received").notNull().default(0),
    processed: integer("processed").notNull().default(0),
    /** Report-to-visible latencies of the minute, counted in the buckets of LAG_BUCKETS_SECONDS. */
    lagBuckets: jsonb("lag_buckets")
      .$type<number[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
  },
  (t) => [primaryKey({ columns: [t.minute, t.instance] })],
);

export type ComponentHeartbeatRow = typeof componentHeartbeats.$inferSelect;
