import { type ChildProcess, fork } from "node:child_process";
import type { LoadJob, LoadResult } from "./load.types.js";
import { UsageError } from "./options.js";
import { repoRoot } from "./process.js";
import { startWrkDriver, wrkAvailable } from "./wrk-driver.js";

/** The load generator, in a process of its own: never the server's, never the sampler's. */
export interface LoadDriver {
  /** wrk or autocannon, for the results. */
  readonly tool: string;
  run(job: LoadJob): Promise<LoadResult>;
  close(): Promise<void>;
}

/** wrk when asked for or, by default, when installed; otherwise autocannon. */
export function startLoadDriver(tool: "wrk" | "autocannon" | undefined): LoadDriver {
  if (tool === "wrk" && !wrkAvailable()) throw new UsageError("--load wrk: wrk is not installed (apt install wrk)");
  return tool === "autocannon" || (tool === undefined && !wrkAvailable()) ? startAutocannonDriver() : startWrkDriver();
}

type Reply = { ok: true; result: LoadResult } | { ok: false; error: string };

/** autocannon in a child process, reused for every job of a run. */
function startAutocannonDriver(): LoadDriver {
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
    tool: "autocannon",
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
