import { readFileSync, unlinkSync, writeFileSync } from "node:fs";
import { basename, resolve } from "node:path";

/** The file in PGlite's data directory that names the process holding it. */
export const LOCK_FILE = "cpantesters.pid";

/** Raised when another live process holds the embedded database; its message is one line. */
export class DataDirInUseError extends Error {
  override name = "DataDirInUseError";
}

/** Data directories this process holds: the pid alone cannot tell a second open from a stale lock. */
const held = new Set<string>();

/**
 * Takes the data directory for this process. PGlite has no locking of its own, and two processes
 * writing one directory lose each other's writes silently; so the lock file is created
 * exclusively, holding this pid and the command, and a lock whose process is gone (killed, or a
 * container restarted) is taken over. The returned function releases it; process exit does too.
 */
export function lockDataDir(dataDir: string): () => void {
  const path = resolve(dataDir, LOCK_FILE);
  if (held.has(path)) throw inUse(dataDir, process.pid, describeSelf());
  for (let attempt = 0; ; attempt++) {
    try {
      writeFileSync(path, `${process.pid}\n${describeSelf()}\n`, { flag: "wx" });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST" || attempt >= 2) throw error;
    }
    const holder = readHolder(path);
    if (holder && isAlive(holder.pid)) throw inUse(dataDir, holder.pid, holder.command);
    // Stale: its process is gone. Two processes taking over one stale lock in the same
    // millisecond could both win; that needs a crash and two starts at once, and Node has no
    // flock to close the gap.
    removeQuietly(path);
  }
  held.add(path);
  const onExit = () => removeQuietly(path);
  process.once("exit", onExit);
  return () => {
    if (!held.delete(path)) return;
    process.removeListener("exit", onExit);
    removeQuietly(path);
  };
}

function inUse(dataDir: string, pid: number, command: string): DataDirInUseError {
  const what = command ? ` (${command})` : "";
  return new DataDirInUseError(
    `the embedded database in ${dataDir} is in use by process ${pid}${what}; stop it, or use DATABASE_URL`,
  );
}

/** "node cli.js serve": enough for an operator to tell which process to stop. */
function describeSelf(): string {
  const [script = "", command = ""] = process.argv.slice(1);
  return `node ${basename(script)} ${command}`.trim();
}

function readHolder(path: string): { pid: number; command: string } | undefined {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
  const [pid = "", command = ""] = text.split("\n");
  // Unreadable content (a crash between create and write) holds nothing.
  return /^\d+$/.test(pid) ? { pid: Number(pid), command } : undefined;
}

function isAlive(pid: number): boolean {
  // Our own pid in the file, yet not held here: a previous process of the same pid (pid 1 of a
  // restarted container) left it.
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Already gone (taken over, or removed by hand): nothing left to release.
  }
}
