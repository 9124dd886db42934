import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LOCK_FILE, lockDataDir } from "./data-dir.lock.js";

/** The pid of a process that has already exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"]);
  return Number(child.stdout.toString());
}

describe("lockDataDir", () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), "cpt-lock-"));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it("writes this pid into the directory and removes it on release", () => {
    const unlock = lockDataDir(dataDir);
    expect(readFileSync(join(dataDir, LOCK_FILE), "utf8")).toMatch(new RegExp(`^${process.pid}\\nnode `));
    unlock();
    expect(existsSync(join(dataDir, LOCK_FILE))).toBe(false);
    lockDataDir(dataDir)();
  });

  it("refuses a directory a live process holds, naming it", () => {
    writeFileSync(join(dataDir, LOCK_FILE), `${process.ppid}\nnode cli.js serve\n`);
    expect(() => lockDataDir(dataDir)).toThrow(
      `the embedded database in ${dataDir} is in use by process ${process.ppid} (node cli.js serve); ` +
        "stop it, or use DATABASE_URL",
    );
    expect(readFileSync(join(dataDir, LOCK_FILE), "utf8")).toBe(`${process.ppid}\nnode cli.js serve\n`);
  });

  it("refuses a second open in the same process, however the directory is spelled", () => {
    const unlock = lockDataDir(dataDir);
    expect(() => lockDataDir(dataDir)).toThrow(`is in use by process ${process.pid}`);
    expect(() => lockDataDir(relative(process.cwd(), dataDir))).toThrow(`is in use by process ${process.pid}`);
    unlock();
  });

  it("takes over a lock whose process is gone", () => {
    const pid = deadPid();
    writeFileSync(join(dataDir, LOCK_FILE), `${pid}\nnode cli.js serve\n`);
    const unlock = lockDataDir(dataDir);
    expect(readFileSync(join(dataDir, LOCK_FILE), "utf8")).toMatch(new RegExp(`^${process.pid}\\n`));
    unlock();
  });

  it("takes over a lock left with this very pid by an earlier process (a restarted container)", () => {
    writeFileSync(join(dataDir, LOCK_FILE), `${process.pid}\nnode cli.js serve\n`);
    const unlock = lockDataDir(dataDir);
    expect(readFileSync(join(dataDir, LOCK_FILE), "utf8")).toMatch(new RegExp(`^${process.pid}\\nnode `));
    unlock();
  });
});
