import { sql } from "drizzle-orm";
import { type Database, openDatabase, queryRows } from "../../src/db/client.js";
import { migrate } from "../../src/db/migrate.js";
import { verifyDerivedCounts } from "../../src/db/queries/derived.queries.js";
import { etlStatus } from "../../src/db/queries/document-queue.queries.js";
import type { Grade } from "../../src/report/index.js";
import { testerWithToken, v3Report } from "../factories/report.factory.js";
import { PrivatePostgres } from "../helpers/postgres-server.js";
import { type CliProcess, startCli } from "../helpers/process.js";
import { waitFor } from "../helpers/wait.js";

/**
 * The platform as production runs it, on a Postgres of its own that can be stopped: one API
 * process (with or without the ETL inside) and any number of ETL worker processes.
 */
export class FaultPlatform {
  readonly workers: CliProcess[] = [];
  /** Workers this platform killed on purpose (their deaths are not failures). */
  readonly killed = new Set<CliProcess>();
  restarts = 0;

  private constructor(
    readonly postgres: PrivatePostgres,
    /** The test's own connection, for setup and for checking the outcome. */
    readonly database: Database,
    readonly token: string,
    readonly api: CliProcess,
    readonly apiUrl: string,
    private readonly env: Record<string, string>,
  ) {}

  static async start(options: { etlInProcess: boolean; workers: number; batchSize?: number }): Promise<FaultPlatform> {
    const postgres = await PrivatePostgres.start();
    const database = await openDatabase({ url: postgres.url, poolSize: 4 });
    await migrate(database);
    const token = await testerWithToken(database.db);
    const env = {
      DATABASE_URL: postgres.url,
      NODE_ENV: "production",
      PORT: "0",
      ETL_PORT: "0",
      ETL_IN_PROCESS: String(options.etlInProcess),
      ETL_BATCH_SIZE: String(options.batchSize ?? 50),
      // Far beyond every wait below: a report processed in time was woken by NOTIFY, not a poll.
      ETL_POLL_INTERVAL_MS: "600000",
      // One address sends the whole stream: what is tested is faults, not the abuse controls.
      RATE_LIMITS: "false",
      SHED_EVENT_LOOP_DELAY_MS: "0",
    };
    const api = await startCli(["serve"], env, "CPAN Testers platform ready");
    const apiUrl = String(api.ready.api).replace(/\/graphql$/, "");
    const platform = new FaultPlatform(postgres, database, token, api, apiUrl, env);
    for (let i = 0; i < options.workers; i += 1) await platform.startWorker();
    return platform;
  }

  async startWorker(): Promise<CliProcess> {
    const worker = await startCli(["etl"], this.env, "ETL worker running");
    this.workers.push(worker);
    return worker;
  }

  /** SIGKILLs a running worker, as the kernel's OOM killer or a lost machine would. */
  async killWorker(worker: CliProcess): Promise<void> {
    this.killed.add(worker);
    const exited = new Promise((resolve) => worker.child.once("exit", resolve));
    worker.child.kill("SIGKILL");
    await exited;
    this.workers.splice(this.workers.indexOf(worker), 1);
  }

  /**
   * Keeps `slots` workers starting and SIGKILLs each at a random moment soon after it is ready
   * (idle, mid-batch or mid-commit), until `kills` were killed. A worker that cannot start because
   * Postgres is down at that moment exits, as designed, and is started again.
   */
  async killWorkers(kills: number, slots: number): Promise<{ refusedStarts: number }> {
    let done = 0;
    let refusedStarts = 0;
    const slot = async () => {
      while (done < kills) {
        let worker: CliProcess;
        try {
          worker = await this.startWorker();
        } catch {
          refusedStarts += 1;
          await pause(500);
          continue;
        }
        await pause(200 + Math.random() * 1_800);
        if (done >= kills) return;
        done += 1;
        await this.killWorker(worker);
      }
    };
    await Promise.all(Array.from({ length: slots }, slot));
    return { refusedStarts };
  }

  /** Stops Postgres for `downMs`, then starts it again; resolves when it accepts connections. */
  async restartPostgres(downMs: number): Promise<void> {
    await this.postgres.stop();
    await pause(downMs);
    await this.postgres.restart();
    this.restarts += 1;
  }

  /** Processes that died without being killed on purpose, with their last output. */
  deaths(): string[] {
    return [this.api, ...this.workers]
      .filter((p) => !this.killed.has(p) && (p.child.exitCode !== null || p.child.signalCode !== null))
      .map(
        (p) =>
          `${p.child.spawnargs.slice(-1).join(" ")} exited (${p.child.exitCode ?? p.child.signalCode}):\n${p.output().slice(-2000)}`,
      );
  }

  /** Sessions that LISTEN for new documents right now (one per running ETL worker). */
  async listeners(): Promise<number> {
    const [row] = await queryRows<{ n: number }>(
      this.database.db,
      sql`select count(*)::int as n from pg_stat_activity where query ilike 'listen %'`,
    );
    return row?.n ?? 0;
  }

  /** Resolves once the ETL has nothing left waiting. */
  async drained(timeoutMs = 60_000): Promise<void> {
    await waitFor(
      async () => ((await etlStatus(this.database.db)).pending === 0 ? true : undefined),
      "the ETL queue to drain",
      timeoutMs,
    );
  }

  /**
   * The oracle: reports that got a 201 but are not counted (lost), reports counted more than once
   * (double-counted: a release's counters above its report rows), and every counter table that
   * disagrees with a recount from the report rows (verifyDerivedCounts).
   */
  async outcome(created: string[]): Promise<{ lost: number; doubled: number; mismatches: number; failed: number }> {
    const rows = await queryRows<{ guid: string }>(
      this.database.db,
      sql`select guid::text as guid from reports where guid = any(${`{${created.join(",")}}`}::uuid[])`,
    );
    const counted = new Set(rows.map((row) => row.guid));
    const [totals] = await queryRows<{ counted: number; rows: number }>(
      this.database.db,
      sql`select (select coalesce(sum(pass + fail + na + unknown), 0) from releases)::int as counted,
            (select count(*) from reports)::int as rows`,
    );
    const status = await etlStatus(this.database.db);
    return {
      lost: created.filter((guid) => !counted.has(guid)).length,
      doubled: Math.max(0, (totals?.counted ?? 0) - (totals?.rows ?? 0)),
      mismatches: (await verifyDerivedCounts(this.database.db)).length,
      failed: status.failed,
    };
  }

  async stop(): Promise<void> {
    await Promise.all([this.api, ...this.workers].map((p) => p.stop()));
    await this.database.close();
    await this.postgres.destroy();
  }
}

export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const GRADES: Grade[] = ["pass", "fail", "na", "unknown"];

/** What a stream of submissions saw. */
export interface StreamFigures {
  submitted: number;
  /** Ids of the reports answered 201. */
  created: string[];
  unavailable: number;
  /** 503 answers without a Retry-After header. */
  unavailableWithoutRetryAfter: number;
  /** Any other answer (status and body), or a request that got no answer at all. */
  unexpected: string[];
  /** 5xx answers other than 503. */
  serverErrors: number;
  worstMs: number;
}

/**
 * Clients submitting v3 reports without pause, `concurrency` at a time, until stopped. A 503 is
 * an answer a client is told to retry; these clients move on to a new report instead, so that
 * every 201 can be checked on its own.
 */
export function streamReports(apiUrl: string, token: string, concurrency: number) {
  const figures: StreamFigures = {
    submitted: 0,
    created: [],
    unavailable: 0,
    unavailableWithoutRetryAfter: 0,
    unexpected: [],
    serverErrors: 0,
    worstMs: 0,
  };
  let running = true;
  const submitOne = async (): Promise<void> => {
    const report = v3Report({
      dist: `Fault-Dist-${Math.floor(Math.random() * 5)}`,
      version: `1.0${Math.floor(Math.random() * 3)}`,
      grade: GRADES[Math.floor(Math.random() * GRADES.length)],
      perl: `5.${36 + 2 * Math.floor(Math.random() * 3)}.0`,
    });
    figures.submitted += 1;
    const started = performance.now();
    try {
      const response = await fetch(`${apiUrl}/v3/report`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify(report),
        signal: AbortSignal.timeout(60_000),
      });
      const body = await response.text();
      if (response.status === 201) figures.created.push(report.id);
      else if (response.status === 503) {
        figures.unavailable += 1;
        if (!response.headers.get("retry-after")) figures.unavailableWithoutRetryAfter += 1;
      } else {
        if (response.status >= 500) figures.serverErrors += 1;
        figures.unexpected.push(`${response.status} ${body.slice(0, 200)}`);
      }
    } catch (error) {
      figures.unexpected.push(`no answer: ${String(error)}`);
    }
    figures.worstMs = Math.max(figures.worstMs, performance.now() - started);
  };
  const loops = Array.from({ length: concurrency }, async () => {
    while (running) await submitOne();
  });
  return {
    figures,
    async stop(): Promise<StreamFigures> {
      running = false;
      await Promise.all(loops);
      return figures;
    },
  };
}

/**
 * Submits one report once the API takes reports again and measures how long the ETL takes to
 * count it after its 201: milliseconds when a worker was woken by NOTIFY.
 */
export async function timeToCount(platform: FaultPlatform): Promise<number> {
  const report = v3Report({ dist: "Fault-Probe", version: `${Date.now()}` });
  await waitFor(
    async () => {
      const response = await fetch(`${platform.apiUrl}/v3/report`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${platform.token}` },
        body: JSON.stringify(report),
      });
      return response.status === 201 ? true : undefined;
    },
    "the API to take a report again",
    30_000,
  );
  const accepted = performance.now();
  await waitFor(
    async () => {
      const rows = await queryRows(platform.database.db, sql`select 1 from reports where guid = ${report.id}`);
      return rows.length > 0 ? true : undefined;
    },
    "the probe report to be counted",
    30_000,
  );
  return performance.now() - accepted;
}
