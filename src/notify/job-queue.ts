import PgBoss from "pg-boss";
import type { Database } from "../db/client.js";
import type { Logger } from "../log.js";
import type { Notifier } from "./notifier.js";
import type { DeliveryScheduler, Outbox } from "./outbox.js";

const DELIVER = "mail-deliver";
const DIGESTS = "mail-digests";
const SWEEP = "mail-sweep";

/**
 * The durable job queue under mail: pg-boss on the same database. pg-boss takes a custom
 * `db.executeSql`, which PGlite can serve in the same process (graphile-worker needs a pg Pool
 * and LISTEN on its own connections), and it has cron schedules for the digests and the sweep.
 * Jobs carry only outbox ids; the outbox row says what to send and whether it already was.
 */
export class JobQueue implements DeliveryScheduler {
  private constructor(private readonly boss: PgBoss) {}

  static async start(database: Database, outbox: Outbox, notifier: Notifier, log: Logger): Promise<JobQueue> {
    // A failed start leaves a PgBoss that will not start again: each attempt gets a new one.
    const boss = await retryRace(async () => {
      const attempt = new PgBoss({
        db: { executeSql: (text, values) => database.executeSql(text, values) },
        schema: "pgboss",
        // Maintenance and cron on PGlite too: one process owns the data directory anyway.
        supervise: true,
        schedule: true,
      });
      attempt.on("error", (error) => log.error({ err: error }, "job queue error"));
      return attempt.start();
    });
    for (const name of [DELIVER, DIGESTS, SWEEP]) await retryRace(() => boss.createQueue(name));
    const queue = new JobQueue(boss);
    outbox.scheduler = queue;
    await boss.work<{ id: number }>(DELIVER, { batchSize: 20, pollingIntervalSeconds: 0.5 }, async (jobs) => {
      for (const job of jobs) await outbox.deliver(job.data.id);
    });
    await boss.work(DIGESTS, { pollingIntervalSeconds: 5 }, async () => {
      // Reports counted since the last event (one lost with a process) are looked at first.
      await notifier.scanAll();
      await notifier.digests();
    });
    await boss.work(SWEEP, { pollingIntervalSeconds: 5 }, async () => {
      await outbox.sweep();
    });
    // Digests are cut at each author's midnight: every quarter hour covers every zone's offset.
    await boss.schedule(DIGESTS, "*/15 * * * *");
    await boss.schedule(SWEEP, "* * * * *");
    return queue;
  }

  async schedule(ids: readonly number[], at?: Date): Promise<void> {
    if (ids.length === 0) return;
    await this.boss.insert(ids.map((id) => ({ name: DELIVER, data: { id }, ...(at ? { startAfter: at } : {}) })));
  }

  /** Runs the digest job now (operators, tests of the embedded default). */
  async runDigests(): Promise<void> {
    await this.boss.send(DIGESTS, {});
  }

  async stop(): Promise<void> {
    await this.boss.stop({ graceful: true, wait: true, timeout: 10_000 });
  }
}

/** Deadlock, and a duplicate catalog row (the loser of two `CREATE SCHEMA IF NOT EXISTS`). */
const RACE_CODES = new Set(["40P01", "23505"]);

/**
 * Runs pg-boss's installation or queue creation again when it lost a race: replicas starting
 * together on a fresh database run the same DDL at the same moment, and Postgres fails one of
 * them. Both steps are idempotent, and the second try finds the winner's work done.
 */
async function retryRace<T>(step: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await step();
    } catch (error) {
      if (attempt >= 5 || !RACE_CODES.has(String((error as { code?: unknown }).code))) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
    }
  }
}
