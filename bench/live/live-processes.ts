import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { openDatabase } from "../../src/db/client.js";
import { migrate } from "../../src/db/migrate.js";
import { createApiToken, registerTester } from "../../src/db/queries/tester.queries.js";
import { adminQuery, withDatabase } from "../harness/bench-database.js";
import { readRssMiB, stopChild } from "../harness/process.js";

const cli = new URL("../../src/cli.ts", import.meta.url).pathname;

/** Milliseconds on the wall clock with sub-millisecond precision, comparable across processes. */
export const wallMs = () => performance.timeOrigin + performance.now();

export interface BenchDatabase {
  url: string;
  /** An API token allowed to submit reports and add uploads. */
  token: string;
  drop(): Promise<void>;
}

/** A fresh, migrated database on the Postgres server at `adminUrl`, with one tester and token. */
export async function createBenchDatabase(adminUrl: string): Promise<BenchDatabase> {
  const name = `cpt_bench_live_${randomBytes(4).toString("hex")}`;
  await adminQuery(adminUrl, `create database ${name}`);
  const url = withDatabase(adminUrl, name);
  const database = await openDatabase({ url, poolSize: 2 });
  let token: string;
  try {
    await migrate(database);
    const tester = { id: "0b3c9d1e-5f6a-4b7c-8d9e-0f1a2b3c4d5e", fullName: "Bench Tester", email: "bench@example.org" };
    await registerTester(database.db, tester, "bench-secret");
    token = await createApiToken(database.db, tester.id, "live benchmark", ["report:submit", "upload:write"]);
  } finally {
    await database.close();
  }
  return {
    url,
    token,
    drop: async () => void (await adminQuery(adminUrl, `drop database if exists ${name} with (force)`)),
  };
}

export interface PlatformProcess {
  pid: number;
  /** http://127.0.0.1:<port> for `serve`; the health URL's origin for `etl`. */
  url: string;
  /** Resident memory now, in MiB (from /proc). */
  rssMiB(): number;
  /** CPU time used so far (user + system), in seconds. */
  cpuSeconds(): number;
  stop(): Promise<void>;
}

/** Starts `serve` or `etl` as a process of its own and waits for its ready line. */
export async function startPlatformProcess(
  command: "serve" | "etl",
  env: Record<string, string>,
): Promise<PlatformProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", cli, command], {
    env: {
      PATH: process.env.PATH ?? "",
      NODE_ENV: "production",
      LOG_FORMAT: "json",
      LOG_LEVEL: "info",
      PORT: "0",
      ETL_PORT: "0",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const readyLine = command === "serve" ? "platform ready" : "ETL worker running";
  let output = "";
  const ready = await new Promise<Record<string, string>>((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const line = output.split("\n").find((text) => text.includes(readyLine));
      if (line) resolve(JSON.parse(line) as Record<string, string>);
      // Keep only the tail: a long run logs a little, and nothing here needs it.
      if (output.length > 100_000) output = output.slice(-10_000);
    });
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.once("exit", (code) => reject(new Error(`${command} exited with ${code}:\n${output}`)));
  });
  const url = new URL(command === "serve" ? (ready.api ?? "") : (ready.health ?? "")).origin;
  const pid = child.pid ?? 0;
  return { pid, url, rssMiB: () => readRssMiB(pid), cpuSeconds: () => cpuSeconds(pid), stop: () => stopChild(child) };
}

/** CPU time (user + system) a process has used, in seconds, from /proc (Linux, 100 ticks a second). */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  // The command name may hold spaces: count fields after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** One series of a process's /metrics, e.g. `graphql_ws_connections`; undefined when absent. */
export async function readMetric(url: string, series: string): Promise<number | undefined> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

/** Percentiles of a list of numbers, by the nearest-rank method. */
export function percentiles(values: readonly number[]): { p50: number; p95: number; p99: number; max: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? NaN;
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), max: sorted[sorted.length - 1] ?? NaN };
}

export const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

/** Polls `check` until it returns true; fails after `timeoutMs` saying what it waited for. */
export async function until(check: () => Promise<boolean>, what: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`gave up after ${timeoutMs / 1000} s waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
