import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../src/db/client.js";
import { findTokenHolder } from "../src/db/queries/tester.queries.js";

const cli = new URL("../src/cli.ts", import.meta.url).pathname;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI with only the given environment (plus PATH), so the machine's settings do not leak in. */
function runCli(
  args: string[],
  env: Record<string, string>,
  whileRunning?: (child: ReturnType<typeof spawn>, output: () => string) => Promise<void>,
): Promise<Run> {
  const child = spawn(process.execPath, ["--import", "tsx", cli, ...args], {
    env: { PATH: process.env.PATH ?? "", LOG_FORMAT: "json", ...env },
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return (async () => {
    const exited = once(child, "exit");
    await whileRunning?.(child, () => stdout);
    const [code] = (await exited) as [number | null];
    return { code, stdout, stderr };
  })();
}

async function waitFor(check: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("cli", () => {
  it("stops with one line naming an unreachable database", async () => {
    const run = await runCli(["migrate"], { DATABASE_URL: "postgres://nobody@127.0.0.1:1/none" });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      "error: cannot open the database (postgres://nobody@127.0.0.1:1/none): connect ECONNREFUSED 127.0.0.1:1\n",
    );
  });

  it("stops with one line naming a bad setting", async () => {
    const run = await runCli(["serve"], { PORT: "eighty" });
    expect(run).toEqual({
      code: 1,
      stdout: "",
      stderr: 'error: PORT="eighty" is invalid: expected a port number 0..65535\n',
    });
  });

  it("stops with one line naming a data directory it cannot write", async () => {
    const directory = mkdtempSync(join(tmpdir(), "cpt-cli-"));
    const file = join(directory, "not-a-directory");
    writeFileSync(file, "");
    const run = await runCli(["migrate"], { DATA_DIR: join(file, "data") });
    expect(run).toEqual({
      code: 1,
      stdout: "",
      stderr:
        `error: the data directory ${file}/data is not writable (ENOTDIR): ` +
        "set DATA_DIR to a directory this user can write, or DATABASE_URL to use Postgres\n",
    });
    rmSync(directory, { recursive: true });
  });

  it("lists its commands, and refuses an unknown one", async () => {
    const help = await runCli(["help"], {});
    expect(help.code).toBe(0);
    expect(help.stderr).toContain("  serve ");
    const unknown = await runCli(["frobnicate"], {});
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^unknown command "frobnicate"\n/);
  });

  it("runs report samples end to end and fails on one that is not handled as it must be", async () => {
    const fixtures = new URL("./fixtures", import.meta.url).pathname;
    const good = await runCli(["conformance", fixtures], {});
    expect(good.code).toBe(0);
    expect(good.stdout).toContain(
      "ok   after processing: 0 waiting, 0 failed, 0 count mismatches\n7 samples, 0 failures\n",
    );

    const folder = mkdtempSync(join(tmpdir(), "cpt-samples-"));
    writeFileSync(join(folder, "v3-invalid-but-accepted.json"), readFileSync(join(fixtures, "v3-perl5-valid.json")));
    const bad = await runCli(["conformance", folder], {});
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/^FAIL v3-invalid-but-accepted\.json \[v3\] accepted but must be rejected/);
    rmSync(folder, { recursive: true });
  });

  it("issues an API token once, and refuses an unknown scope in one line", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "cpt-data-"));
    const issued = await runCli(["tester:token", "--email", "ada@example.org", "--label", "smoker"], {
      DATA_DIR: dataDir,
    });
    expect(issued.code).toBe(0);
    expect(issued.stdout).toMatch(/^cpt_[A-Za-z0-9_-]{43}\n$/);
    const wrong = await runCli(["tester:token", "--email", "ada@example.org", "--scope", "admin"], {
      DATA_DIR: dataDir,
    });
    expect(wrong).toEqual({
      code: 1,
      stdout: "",
      stderr: "error: unknown scope admin: expected report:submit, upload:write\n",
    });
    rmSync(dataDir, { recursive: true });
  });

  it("gives a second token for a known e-mail to the same tester", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "cpt-data-"));
    try {
      const env = { DATA_DIR: dataDir };
      const first = await runCli(["tester:token", "--email", "ada@example.org", "--name", "Ada"], env);
      const second = await runCli(["tester:token", "--email", "Ada@Example.org", "--name", "Someone Else"], env);
      expect([first.code, second.code]).toEqual([0, 0]);
      const database = await openDatabase({ dataDir });
      try {
        const holders = await Promise.all(
          [first, second].map(async (run) => (await findTokenHolder(database.db, run.stdout.trim()))?.tester),
        );
        expect(holders[0]).toMatchObject({ fullName: "Ada", email: "ada@example.org" });
        expect(holders[1]).toEqual(holders[0]);
      } finally {
        await database.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 180_000);

  it("refuses, in one line, a second process on the embedded database a server holds", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "cpt-data-"));
    try {
      const env = { DATA_DIR: dataDir, PORT: "0" };
      let refused: Run | undefined;
      const served = await runCli(["serve"], env, async (child, output) => {
        await waitFor(() => output().includes("platform ready"), "the server to start", 120_000);
        refused = await runCli(["tester:token", "--email", "ada@example.org"], env);
        expect(refused).toEqual({
          code: 1,
          stdout: "",
          stderr:
            `error: the embedded database in ${dataDir} is in use by process ${child.pid} (node cli.ts serve); ` +
            "stop it, or use DATABASE_URL\n",
        });
        child.kill("SIGTERM");
      });
      expect(served.code).toBe(0);
      expect(refused?.code).toBe(1);
      // Once the server has stopped, the lock is gone and the token made now is kept.
      const issued = await runCli(["tester:token", "--email", "ada@example.org"], env);
      expect(issued.code).toBe(0);
      const database = await openDatabase({ dataDir });
      try {
        expect(await findTokenHolder(database.db, issued.stdout.trim())).toMatchObject({
          tester: { email: "ada@example.org" },
        });
      } finally {
        await database.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 300_000);

  it("serves until SIGTERM, then shuts down cleanly", async () => {
    const run = await runCli(["serve"], { DATA_DIR: "memory://", PORT: "0" }, async (child, output) => {
      await waitFor(() => output().includes("platform ready"), "the server to start");
      const ready = JSON.parse(
        output()
          .split("\n")
          .find((line) => line.includes("platform ready")) ?? "{}",
      ) as { health: string; msg: string };
      expect((await fetch(ready.health)).status).toBe(200);
      // One address a line, with the port it really listens on, and each of them answers.
      const [title, ...lines] = ready.msg.split("\n");
      expect(title).toBe("CPAN Testers platform ready, serving:");
      const port = new URL(ready.health).port;
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
      child.kill("SIGTERM");
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('"msg":"shutting down"');
  });

  it("shuts down cleanly when Ctrl-C arrives twice at once (from the terminal and from npm)", async () => {
    const run = await runCli(["serve"], { DATA_DIR: "memory://", PORT: "0" }, async (child, output) => {
      await waitFor(() => output().includes("platform ready"), "the server to start", 120_000);
      child.kill("SIGINT");
      child.kill("SIGINT");
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('"msg":"shutting down"');
    expect(run.stdout).not.toContain("second signal");
  }, 180_000);

  it("imports an uploads list into the embedded database, once", async () => {
    const directory = await mkdtemp(join(tmpdir(), "cpt-cli-"));
    try {
      const list = join(directory, "uploads.txt");
      await writeFile(list, "ALICE/Foo-Bar-1.00.tar.gz 2026-05-01T10:00:00Z\nBOB/Baz-0.1.zip 1777629600\n");
      const env = { DATA_DIR: join(directory, "data"), LOG_LEVEL: "silent" };
      expect(await runCli(["uploads:import", list], env)).toEqual({
        code: 0,
        stdout: "2 uploads added, 0 completed, 0 already known\n",
        stderr: "",
      });
      expect(await runCli(["uploads:import", list], env)).toEqual({
        code: 0,
        stdout: "0 uploads added, 0 completed, 2 already known\n",
        stderr: "",
      });
      const nowhere = join(directory, "nope.txt");
      expect(await runCli(["uploads:import", nowhere], env)).toEqual({
        code: 1,
        stdout: "",
        stderr: `error: cannot read the uploads list ${nowhere}: ENOENT: no such file or directory, access '${nowhere}'\n`,
      });
      const missingFile = await runCli(["uploads:import"], env);
      expect(missingFile.code).toBe(2);
      expect(missingFile.stderr).toMatch(/^usage: uploads:import <file \| ->\n/);
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
});
