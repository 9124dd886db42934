import { hostname } from "node:os";
import type { Db } from "../db/client.js";
import { pruneOperations, removeHeartbeat, upsertHeartbeat, writeActivity } from "../db/queries/operations.queries.js";
import type { Logger } from "../log.js";
import { platformVersion } from "../version.js";
import type { ActivityCounter } from "./activity.js";

export type ComponentKind = "api" | "etl";

/** Heartbeats and activity older than this are deleted: the status page shows one day. */
const KEEP_MS = 25 * 60 * 60 * 1000;
/** Beats between two prunes: pruning is a cheap indexed delete, but needs no doing every beat. */
const PRUNE_EVERY = 30;

export interface Heartbeat {
  readonly instance: string;
  /** Beats once more (writing the last activity), then removes this process's heartbeat. */
  stop(): Promise<void>;
}

/** The name this process's rows carry: kind, host and pid, unique while it runs. */
export const instanceName = (kind: ComponentKind): string => `${kind}:${hostname()}:${process.pid}`;

/**
 * Tells every instance that this process is alive, and writes what it did per minute, every
 * `intervalMs`: rows in the database, which all instances share. A failed beat is logged and
 * retried at the next one; the activity it could not write is kept until then.
 */
export async function startHeartbeat(
  deps: { db: Db; log: Logger; activity: ActivityCounter },
  options: { kind: ComponentKind; intervalMs: number; instance?: string },
): Promise<Heartbeat> {
  const { db, log, activity } = deps;
  const instance = options.instance ?? instanceName(options.kind);
  const startedAt = new Date();
  let beats = 0;
  let failing = false;

  const beat = async () => {
    const rows = activity.takeChanged();
    try {
      await upsertHeartbeat(db, {
        instance,
        kind: options.kind,
        version: platformVersion,
        startedAt,
        seenAt: new Date(),
        intervalMs: options.intervalMs,
      });
      await writeActivity(
        db,
        instance,
        rows.map((row) => ({ ...row, minute: new Date(row.minute) })),
      );
      if (beats++ % PRUNE_EVERY === 0) await pruneOperations(db, new Date(Date.now() - KEEP_MS));
      if (failing) log.info({ instance }, "heartbeat written again");
      failing = false;
    } catch (error) {
      activity.restore(rows);
      // Once per outage: the database being away is logged by whoever needs it first.
      if (!failing) log.warn({ err: error, instance }, "heartbeat could not be written");
      failing = true;
    }
  };

  await beat();
  let running: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    running = running.then(beat);
  }, options.intervalMs);
  timer.unref();

  return {
    instance,
    async stop() {
      clearInterval(timer);
      await running;
      await beat();
      await removeHeartbeat(db, instance).catch(() => undefined);
    },
  };
}
