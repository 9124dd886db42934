import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";

/** A server the benchmark started in a process of its own. */
export interface RunningChild {
  readonly name: string;
  readonly pid: number;
  /** http://127.0.0.1:<port> */
  readonly url: string;
  /** Resident memory of the process now, in MiB. */
  rssMiB(): number;
  stop(): Promise<void>;
}

export interface ChildSpec {
  name: string;
  args: string[];
  env: Record<string, string>;
  port: number;
  /** Path that answers 2xx once the server can serve. */
  readyPath: string;
  timeoutMs?: number;
}

/** Where the repository is: children run from it, whatever the caller's working directory. */
export const repoRoot = new URL("../../", import.meta.url);

/** A free TCP port on the loopback interface. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Resident set size of a process (VmRSS in /proc), in MiB; NaN when it cannot be read. */
export function readRssMiB(pid: number): number {
  try {
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/** Spawns `node <args>` and resolves once `readyPath` answers 2xx; rejects with the child's last output. */
export async function startChild(spec: ChildSpec): Promise<RunningChild> {
  // Only what the child needs: a stray DATABASE_URL or REDIS_URL of the caller must not leak in.
  // Every contender runs as it would be deployed (graphql-js and Apollo skip development checks).
  const env = { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", NODE_ENV: "production", ...spec.env };
  const child = spawn(process.execPath, spec.args, { cwd: repoRoot, env, stdio: ["ignore", "pipe", "pipe"] });
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    output.push(chunk.toString());
    if (output.length > 50) output.shift();
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const url = `http://127.0.0.1:${spec.port}`;
  const deadline = Date.now() + (spec.timeoutMs ?? 60_000);
  let exitCode: number | null | undefined;
  void exited.then((code) => (exitCode = code));
  for (;;) {
    if (exitCode !== undefined) {
      throw new Error(
        `${spec.name} exited with code ${exitCode} before it was ready:\n${output.join("").slice(-2000)}`,
      );
    }
    if (Date.now() > deadline) {
      await stopChild(child);
      throw new Error(
        `${spec.name} was not ready within ${spec.timeoutMs ?? 60_000} ms:\n${output.join("").slice(-2000)}`,
      );
    }
    const ok = await fetch(url + spec.readyPath).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    name: spec.name,
    pid: child.pid as number,
    url,
    rssMiB: () => readRssMiB(child.pid as number),
    stop: () => stopChild(child),
  };
}

/** SIGTERM, then SIGKILL if the process has not exited 10 s later; resolves once it has exited. */
export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, "exit");
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}
