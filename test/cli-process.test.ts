import { spawn } from "node:child_process";
import { once } from "node:events";
import { describe, expect, it } from "vitest";
import { startCli } from "./helpers/process.js";

const cli = new URL("../src/cli.ts", import.meta.url).pathname;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI with only the given environment (plus PATH), so the machine's settings do not leak in. */
function runCli(args: string[], env: Record<string, string>): Promise<Run> {
  const child = spawn(process.execPath, ["--import", "tsx", cli, ...args], {
    env: { PATH: process.env.PATH ?? "", LOG_FORMAT: "json", ...env },
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return (async () => {
    // "close", not "exit": the output may still be in flight when the process exits.
    const [code] = (await once(child, "close")) as [number | null];
    return { code, stdout, stderr };
  })();
}

// A process of its own for what only a process shows: the dispatcher, exit codes, how an error
// reaches stderr, signals.
// Each start loads the whole CLI through tsx: seconds of CPU, many more on a busy machine.
describe("cli process", { timeout: 120_000 }, () => {
  it("stops with one line naming a bad setting", async () => {
    const run = await runCli(["serve"], { PORT: "eighty" });
    expect(run).toEqual({
      code: 1,
      stdout: "",
      stderr: 'error: PORT="eighty" is invalid: expected a port number 0..65535\n',
    });
  });

  it("lists its commands", async () => {
    const help = await runCli(["help"], {});
    expect(help.code).toBe(0);
    expect(help.stderr).toContain("  serve ");
  });

  it("refuses an unknown command", async () => {
    const unknown = await runCli(["frobnicate"], {});
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^unknown command "frobnicate"\n/);
  });

  it("serves until SIGTERM, then shuts down cleanly", async () => {
    const serve = await startCli(["serve"], { DATA_DIR: "memory://", PORT: "0" }, "platform ready");
    expect((await fetch(serve.ready.health as string)).status).toBe(200);
    expect(await serve.stop()).toBe(0);
    expect(serve.output()).toContain('"msg":"shutting down"');
  });
});
