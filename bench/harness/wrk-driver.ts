import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { LoadDriver } from "./load-driver.js";
import type { LoadJob, LoadResult } from "./load.types.js";
import { wrkScript } from "./wrk.lua.js";

/** Whether wrk is on the PATH (Debian: `apt install wrk`). */
export function wrkAvailable(): boolean {
  return spawnSync("wrk", ["--version"], { stdio: "ignore" }).error === undefined;
}

/**
 * The load generator as a wrk process (C, epoll): a tenth of the CPU that autocannon needs for
 * the same load, which on a two-core machine leaves that much more to the server under test.
 * Its latency histogram has microsecond resolution.
 */
export function startWrkDriver(): LoadDriver {
  const folder = mkdtempSync(join(tmpdir(), "cpt-wrk-"));
  let queue: Promise<unknown> = Promise.resolve();
  let jobs = 0;
  const once = async (job: LoadJob): Promise<LoadResult> => {
    const script = join(folder, `job-${jobs++}.lua`);
    writeFileSync(script, wrkScript(job));
    const args = [
      "-t1",
      `-c${job.connections}`,
      `-d${Math.max(1, Math.round(job.durationSeconds))}s`,
      "--timeout",
      "10s",
    ];
    const output = await new Promise<string>((resolve, reject) => {
      const child = spawn("wrk", [...args, "-s", script, job.url], { stdio: ["ignore", "pipe", "inherit"] });
      let stdout = "";
      child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
      child.on("error", reject);
      child.on("exit", (code) =>
        code === 0 ? resolve(stdout) : reject(new Error(`wrk exited with ${code}: ${stdout}`)),
      );
    });
    const line = output.split("\n").find((text) => text.startsWith('{"requests"'));
    if (!line) throw new Error(`wrk printed no figures: ${output.slice(0, 500)}`);
    const figures = JSON.parse(line) as {
      requests: number;
      durationUs: number;
      p50Us: number;
      p99Us: number;
      errors: number;
    };
    const seconds = figures.durationUs / 1e6;
    return {
      medianMs: figures.p50Us / 1000,
      p99Ms: figures.p99Us / 1000,
      throughput: figures.requests / seconds,
      requests: figures.requests,
      errors: figures.errors,
      durationSeconds: seconds,
    };
  };
  return {
    tool: "wrk",
    // One job at a time: two at once would compete for the same core and skew both.
    run(job) {
      const result = queue.then(() => once(job));
      queue = result.catch(() => undefined);
      return result;
    },
    async close() {
      await queue.catch(() => undefined);
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
