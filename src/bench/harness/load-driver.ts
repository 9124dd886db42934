import { type ChildProcess, fork } from "node:child_process";
import type { LoadJob, LoadResult } from "./load.types.js";
import { repoRoot } from "./process.js";

/** The load generator: one child process running autocannon, reused for every job of a run. */
export interface LoadDriver {
  run(job: LoadJob): Promise<LoadResult>;
  close(): Promise<void>;
}

type Reply = { ok: true; result: LoadResult } | { ok: false; error: string };

export function startLoadDriver(): LoadDriver {
  const child: ChildProcess = fork(new URL("./load.child.ts", import.meta.url), [], {
    cwd: repoRoot,
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  let queue: Promise<unknown> = Promise.resolve();
  const once = (job: LoadJob) =>
    new Promise<LoadResult>((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`the load generator exited (code ${code})`));
      child.once("exit", onExit);
      child.once("message", (reply: Reply) => {
        child.off("exit", onExit);
        if (reply.ok) resolve(reply.result);
        else reject(new Error(`load generator: ${reply.error}`));
      });
      child.send(job);
    });
  return {
    // One job at a time: two at once would compete for the same core and skew both.
    run(job) {
      const result = queue.then(() => once(job));
      queue = result.catch(() => undefined);
      return result;
    },
    async close() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.disconnect();
      await exited;
    },
  };
}
