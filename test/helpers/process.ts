import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";

const cli = new URL("../../src/cli.ts", import.meta.url).pathname;

export interface CliProcess {
  child: ChildProcess;
  /** The JSON log line that said the process was ready. */
  ready: Record<string, unknown>;
  /** Everything it logged so far. */
  output(): string;
  /** SIGTERM, then its exit code. */
  stop(): Promise<number | null>;
}

/**
 * Starts a CLI command as a real child process (JSON logs, only the given environment plus PATH)
 * and waits for the log line whose message contains `readyMessage`.
 */
export async function startCli(args: string[], env: Record<string, string>, readyMessage: string): Promise<CliProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", cli, ...args], {
    env: { PATH: process.env.PATH ?? "", LOG_FORMAT: "json", LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  let stdout = "";
  const ready = new Promise<Record<string, unknown>>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      stdout += chunk.toString();
      // Whole lines of stdout only: a chunk may end inside a line, and stderr may come between.
      const line = stdout
        .split("\n")
        .slice(0, -1)
        .find((text) => text.includes(readyMessage));
      if (line) resolve(JSON.parse(line) as Record<string, unknown>);
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.once("exit", (code) => reject(new Error(`${args.join(" ")} exited with ${code} before ready:\n${output}`)));
  });
  // "close", not "exit": the last output may still be in flight when the process exits.
  const exited = once(child, "close") as Promise<[number | null]>;
  return {
    child,
    ready: await ready,
    output: () => output,
    async stop() {
      if (child.exitCode === null) child.kill("SIGTERM");
      const [code] = await exited;
      return code;
    },
  };
}
