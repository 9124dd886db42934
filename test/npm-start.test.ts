import { execFileSync, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { waitFor } from "./helpers/wait.js";

const root = new URL("..", import.meta.url).pathname;

/** Every process below `pid`, with its command line. */
function descendants(pid: number): { pid: number; args: string }[] {
  const rows = execFileSync("ps", ["-eo", "pid=,ppid=,args="], { encoding: "utf8" })
    .split("\n")
    .map((line) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line))
    .flatMap((match) => (match ? [{ pid: Number(match[1]), ppid: Number(match[2]), args: match[3] ?? "" }] : []));
  const found: { pid: number; args: string }[] = [];
  const parents = [pid];
  while (parents.length > 0) {
    const parent = parents.pop();
    for (const row of rows.filter(({ ppid }) => ppid === parent)) {
      found.push({ pid: row.pid, args: row.args });
      parents.push(row.pid);
    }
  }
  return found;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe("npm start", () => {
  // The real script, prestart (the build) included: what a new user and a process manager run.
  it("stops the server it started when npm gets SIGTERM, leaving no process behind", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "cpt-npm-start-"));
    const npm = spawn("npm", ["start"], {
      cwd: root,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? tmpdir(), DATA_DIR: dataDir, PORT: "0" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    npm.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    npm.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const exited = once(npm, "exit") as Promise<[number | null, NodeJS.Signals | null]>;
    let children: { pid: number; args: string }[] = [];
    try {
      await waitFor(() => (output.includes("platform ready") ? true : undefined), "npm start to be ready", 300_000);
      children = descendants(npm.pid as number);
      expect(children.map(({ args }) => args)).toContainEqual(expect.stringContaining("dist/cli.js serve"));

      npm.kill("SIGTERM");
      const [code] = await exited;
      expect(code, output).toBe(0);
      expect(output).toContain('"msg":"shutting down"');
      // npm waits for its child; whatever is still alive now was orphaned.
      expect(children.filter(({ pid }) => isAlive(pid))).toEqual([]);
    } finally {
      for (const { pid } of children.filter((child) => isAlive(child.pid))) process.kill(pid, "SIGKILL");
      if (npm.exitCode === null) npm.kill("SIGKILL");
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 400_000);
});
