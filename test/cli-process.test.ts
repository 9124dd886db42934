import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { migratedDataDir } from "./helpers/database.js";
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

    // Every address it serves, one a line, with the port it really listens on; each is a route.
    const [title, ...lines] = (serve.ready.msg as string).split("\n");
    expect(title).toBe("CPAN Testers platform ready, serving:");
    const port = new URL(serve.ready.health as string).port;
    expect(port).not.toBe("0");
    const addresses = lines.map((line) => /^ {2}(.+): +(\S+)$/.exec(line)?.slice(1) ?? [line]);
    expect(addresses.map(([label]) => label)).toEqual(
      expect.arrayContaining([
        "GraphQL API (HTTP and WebSocket)",
        "Console (GraphiQL)",
        "REST (v3)",
        "Health (process up)",
        "Ready (database reachable)",
        "Metrics (Prometheus)",
      ]),
    );
    for (const [label, url = ""] of addresses) {
      expect(new URL(url).port, label).toBe(port);
      // Answered by a route (an empty /v3 list is a 404 of the original API's), never "no route".
      const body = await (await fetch(url)).text();
      expect(body, url).not.toMatch(/no such route|Route GET:.* not found/);
    }

    expect(await serve.stop()).toBe(0);
    expect(serve.output()).toContain('"msg":"shutting down"');
  });

  it("shuts down cleanly when Ctrl-C arrives twice at once (from the terminal and from npm)", async () => {
    const serve = await startCli(["serve"], { DATA_DIR: "memory://", PORT: "0" }, "platform ready");
    serve.child.kill("SIGINT");
    serve.child.kill("SIGINT");
    expect(await serve.stop()).toBe(0);
    expect(serve.output()).toContain('"msg":"shutting down"');
    expect(serve.output()).not.toContain("second signal");
  });

  it("refuses, in one line, a second process on the embedded database a server holds", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "cpt-data-"));
    try {
      await migratedDataDir(dataDir);
      const env = { DATA_DIR: dataDir, PORT: "0" };
      const serve = await startCli(["serve"], env, "platform ready");
      const refused = await runCli(["tester:token", "--email", "ada@example.org"], env);
      expect(refused).toEqual({
        code: 1,
        stdout: "",
        stderr:
          `error: the embedded database in ${dataDir} is in use by process ${serve.child.pid} (node cli.ts serve); ` +
          "stop it, or use DATABASE_URL\n",
      });
      expect(await serve.stop()).toBe(0);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
