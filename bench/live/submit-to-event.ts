import { randomBytes } from "node:crypto";
import { loadavg } from "node:os";
import {
  cpuSeconds,
  createBenchDatabase,
  type PlatformProcess,
  readMetric,
  round,
  startPlatformProcess,
  until,
  wallMs,
} from "./live-processes.js";
import { LoadProcess } from "./load.protocol.js";

export interface SubmitToEventOptions {
  /** Postgres server to create the benchmark's database on. */
  postgresUrl: string;
  redisUrl: string;
  /** Connected subscribers, each to reportProcessed filtered on one distribution. */
  subscribers: number;
  /** Reports submitted per second. */
  rate: number;
  /** Subscribers per distribution, so each report is delivered this many times. */
  fanout: number;
  warmupSeconds: number;
  seconds: number;
}

export interface SubmitToEventResult {
  name: "live.submit-to-event";
  setup: string;
  subscribers: number;
  rate: number;
  fanout: number;
  seconds: number;
  reportsMeasured: number;
  deliveriesExpected: number;
  deliveriesReceived: number;
  /** From sending a report (POST /v3/report to instance A) to a subscriber on B receiving its event. */
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  /** The POST alone, until its 201. */
  submitP50Ms: number;
  submitP99Ms: number;
  /** Redis pub/sub alone at the same rate, measured in the same run just before. */
  baseline: { name: string; p50Ms: number; p99Ms: number };
  rssMiB: { apiA: number; apiB: number; etl: number };
  /** Share of one core each process used during the submission phase. */
  cpuPercent: { apiA: number; apiB: number; etl: number; load: number };
  /** ETL transactions during the run, and their mean duration from claim to commit. */
  etlBatches: number;
  etlBatchMeanMs: number;
  /** The machine's 1-minute load average when the run started and when it ended (2 cores). */
  loadAverage: { start: number; end: number };
  submitErrors: number;
}

const QUERY = "subscription ($dist: String!) { reportProcessed(filter: { dist: $dist }) { guid } }";

/**
 * Submit-to-event latency across processes, as production runs: reports go to API instance A,
 * an ETL process counts them, events travel through Redis, and subscribers hold their sockets on
 * instance B. The load (subscribers and submissions) comes from a process of its own.
 */
export async function measureSubmitToEvent(options: SubmitToEventOptions): Promise<SubmitToEventResult> {
  const database = await createBenchDatabase(options.postgresUrl);
  const env = {
    DATABASE_URL: database.url,
    REDIS_URL: options.redisUrl,
    REDIS_PREFIX: `bench-${randomBytes(4).toString("hex")}:`,
    ETL_IN_PROCESS: "false",
    // The ready line is at info; after it, the processes log only problems and warnings.
    LOG_LEVEL: "info",
  };
  const processes: PlatformProcess[] = [];
  let load: LoadProcess | undefined;
  try {
    const [apiA, apiB, etl] = await Promise.all([
      startPlatformProcess("serve", env),
      startPlatformProcess("serve", env),
      startPlatformProcess("etl", env),
    ]);
    if (!apiA || !apiB || !etl) throw new Error("a process did not start");
    processes.push(apiA, apiB, etl);
    load = await LoadProcess.start();

    const baseline = await load.request(
      { cmd: "redis-baseline", redisUrl: options.redisUrl, rate: options.rate, seconds: Math.min(options.seconds, 10) },
      "baseline",
    );
    const dists = Math.max(1, Math.round(options.subscribers / options.fanout));
    // The server's own notifier listens to processed reports too: count the bench's beyond it.
    const own = (await readMetric(apiB.url, 'event_subscribers{topic="REPORT_PROCESSED"}')) ?? 0;
    const connected = await load.request(
      {
        cmd: "connect",
        url: `${apiB.url.replace(/^http/, "ws")}/graphql`,
        count: options.subscribers,
        concurrency: 100,
        query: QUERY,
        dists,
      },
      "connected",
    );
    if (connected.failed > 0) {
      throw new Error(`${connected.failed} subscribers could not connect: ${connected.lastError}`);
    }
    // Every subscription is in place, and its Redis channel confirmed, before the first report.
    await until(async () => {
      const subscribers = await readMetric(apiB.url, 'event_subscribers{topic="REPORT_PROCESSED"}');
      const delivery = await readMetric(apiB.url, 'event_delivery{topic="REPORT_PROCESSED"}');
      return subscribers === own + options.subscribers && delivery === 1;
    }, `${options.subscribers} subscriptions on instance B`);

    const loadStart = loadavg()[0] ?? NaN;
    const cpuBefore = [apiA.cpuSeconds(), apiB.cpuSeconds(), etl.cpuSeconds(), cpuSeconds(load.pid)];
    const phaseStart = wallMs();
    const peak = { apiA: 0, apiB: 0, etl: 0 };
    const sampler = setInterval(() => {
      peak.apiA = Math.max(peak.apiA, apiA.rssMiB());
      peak.apiB = Math.max(peak.apiB, apiB.rssMiB());
      peak.etl = Math.max(peak.etl, etl.rssMiB());
    }, 500);
    const run = await load.request(
      {
        cmd: "submit",
        url: apiA.url,
        token: database.token,
        rate: options.rate,
        warmupSeconds: options.warmupSeconds,
        seconds: options.seconds,
        dists,
        fanout: options.subscribers / dists,
      },
      "submitted",
    );
    clearInterval(sampler);
    const phaseSeconds = (wallMs() - phaseStart) / 1000;
    const cpuAfter = [apiA.cpuSeconds(), apiB.cpuSeconds(), etl.cpuSeconds(), cpuSeconds(load.pid)];
    const cpu = cpuAfter.map((after, i) => round(((after - (cpuBefore[i] ?? 0)) / phaseSeconds) * 100));
    const batches = (await readMetric(etl.url, "etl_batch_duration_seconds_count")) ?? NaN;
    const batchSeconds = (await readMetric(etl.url, "etl_batch_duration_seconds_sum")) ?? NaN;

    return {
      name: "live.submit-to-event",
      setup:
        "POST /v3/report to API A → etl process → Redis → API B → graphql-ws subscribers (load in its own process)",
      subscribers: options.subscribers,
      rate: options.rate,
      fanout: options.subscribers / dists,
      seconds: options.seconds,
      reportsMeasured: run.measuredReports,
      deliveriesExpected: run.expectedDeliveries,
      deliveriesReceived: run.deliveries,
      p50Ms: round(run.latency.p50),
      p95Ms: round(run.latency.p95),
      p99Ms: round(run.latency.p99),
      maxMs: round(run.latency.max),
      submitP50Ms: round(run.submit.p50),
      submitP99Ms: round(run.submit.p99),
      baseline: {
        name: "Redis pub/sub round trip",
        p50Ms: round(baseline.latency.p50, 2),
        p99Ms: round(baseline.latency.p99, 2),
      },
      rssMiB: { apiA: round(peak.apiA), apiB: round(peak.apiB), etl: round(peak.etl) },
      cpuPercent: { apiA: cpu[0] ?? NaN, apiB: cpu[1] ?? NaN, etl: cpu[2] ?? NaN, load: cpu[3] ?? NaN },
      etlBatches: batches,
      etlBatchMeanMs: round((batchSeconds / batches) * 1000, 2),
      loadAverage: { start: round(loadStart, 2), end: round(loadavg()[0] ?? NaN, 2) },
      submitErrors: run.errors,
    };
  } finally {
    await load?.stop();
    await Promise.all(processes.map((p) => p.stop()));
    await database.drop();
  }
}
