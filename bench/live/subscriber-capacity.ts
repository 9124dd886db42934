import { randomBytes } from "node:crypto";
import { createClient } from "redis";
import {
  createBenchDatabase,
  type PlatformProcess,
  readMetric,
  round,
  startPlatformProcess,
  until,
  wallMs,
} from "./live-processes.js";
import { LoadProcess } from "./load.protocol.js";

export interface SubscriberCapacityOptions {
  postgresUrl: string;
  redisUrl: string;
  /** Idle subscribers to reach, connected in steps. */
  subscribers: number;
}

export interface CapacityStep {
  subscribers: number;
  rssMiB: number;
  /** (RSS now − RSS with none) / subscribers */
  perSubscriberKiB: number;
}

export interface SubscriberCapacityResult {
  name: "live.subscriber-capacity";
  setup: string;
  /** RSS of the API process before any subscriber, after start-up. */
  idleRssMiB: number;
  steps: CapacityStep[];
  /** Subscribers that received one event broadcast to all at the end: the ones really held. */
  held: number;
  /** Handshakes the load process had to try again (the server was too busy to take them in time). */
  handshakeRetries: number;
  /** From publishing that event to the last subscriber receiving it. */
  broadcastMs: number;
}

const QUERY = "subscription { uploadAdded { dist version author } }";

/**
 * How many idle subscribers one API instance holds, and its memory per subscriber: subscribers
 * connect in steps from a process of their own, the API's RSS is read after each, and at the end
 * one event goes to all of them, to check that every one is alive.
 */
export async function measureSubscriberCapacity(options: SubscriberCapacityOptions): Promise<SubscriberCapacityResult> {
  const database = await createBenchDatabase(options.postgresUrl);
  const channelPrefix = `bench-${randomBytes(4).toString("hex")}:`;
  const env = {
    DATABASE_URL: database.url,
    REDIS_URL: options.redisUrl,
    REDIS_PREFIX: channelPrefix,
    ETL_IN_PROCESS: "false",
    // The ready line is at info; after it, the processes log only problems and warnings.
    LOG_LEVEL: "info",
  };
  let api: PlatformProcess | undefined;
  let load: LoadProcess | undefined;
  const publisher = createClient({ url: options.redisUrl });
  try {
    api = await startPlatformProcess("serve", env);
    load = await LoadProcess.start();
    await publisher.connect();
    // Settle after start-up (JIT, lazy modules, the first GC) before taking the zero point.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const idleRssMiB = api.rssMiB();
    // The process's own subscribers (the page cache listens for uploads) are counted too.
    const metric = 'event_subscribers{topic="UPLOAD_ADDED"}';
    const ownSubscribers = (await readMetric(api.url, metric)) ?? 0;

    const targets = [1_000, 2_500, 5_000, 10_000, 20_000].filter((n) => n < options.subscribers);
    targets.push(options.subscribers);
    const steps: CapacityStep[] = [];
    let retries = 0;
    for (const target of targets) {
      const connected = await load.request(
        {
          cmd: "connect",
          url: `${api.url.replace(/^http/, "ws")}/graphql`,
          count: target - (steps.at(-1)?.subscribers ?? 0),
          concurrency: 200,
          query: QUERY,
          dists: 0,
        },
        "connected",
      );
      if (connected.failed > 0) {
        throw new Error(`${connected.failed} subscribers could not connect at ${target}: ${connected.lastError}`);
      }
      retries += connected.retries;
      const url = api.url;
      await until(
        async () => (await readMetric(url, metric)) === ownSubscribers + target,
        `${target} subscriptions on the server`,
      );
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      const rss = api.rssMiB();
      steps.push({
        subscribers: target,
        rssMiB: round(rss),
        perSubscriberKiB: round(((rss - idleRssMiB) * 1024) / target),
      });
    }

    // One event to everyone: the subscribers counted above must all be alive.
    const broadcast = load.request({ cmd: "await-broadcast", timeoutMs: 60_000 }, "broadcast");
    await load.reply("listening");
    const publishedAt = wallMs();
    const event = {
      dist: "Bench-Broadcast",
      version: "1.00",
      author: "BENCH",
      filename: "Bench-Broadcast-1.00.tar.gz",
      releasedAt: new Date().toISOString(),
      maturity: "stable",
    };
    await publisher.publish(`${channelPrefix}UPLOAD_ADDED`, JSON.stringify(event));
    const result = await broadcast;

    return {
      name: "live.subscriber-capacity",
      setup: "one API process (serve, ETL apart), idle uploadAdded subscribers from a load process",
      idleRssMiB: round(idleRssMiB),
      steps,
      held: result.received,
      handshakeRetries: retries,
      broadcastMs: round(result.lastAt - publishedAt),
    };
  } finally {
    await publisher.close().catch(() => undefined);
    await load?.stop();
    await api?.stop();
    await database.drop();
  }
}
