import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { once } from "node:events";
import { chownSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "./redis-server.js";

const BIN = process.env.POSTGRES_BIN ?? "/usr/lib/postgresql/15/bin";

/** Postgres refuses to run as root: as root, its processes run as the `postgres` user. */
function runAs(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8" }).trim());
  return { uid: id("-u"), gid: id("-g") };
}

/**
 * A Postgres server of the test's own (the machine's initdb and postgres), in a temporary folder,
 * on a port of its own: stopping and starting it is a real outage for every process using it.
 * Durability is traded for speed (fsync off); stops are clean, so nothing is lost by it.
 */
export class PrivatePostgres {
  private child: ChildProcess | undefined;
  private readonly user = runAs();

  private constructor(
    readonly port: number,
    private readonly dir: string,
  ) {}

  static async start(): Promise<PrivatePostgres> {
    const dir = mkdtempSync(join(tmpdir(), "cpt-postgres-"));
    const server = new PrivatePostgres(await freePort(), dir);
    if (server.user) chownSync(dir, server.user.uid, server.user.gid);
    await server.run("initdb", ["-D", server.dataDir, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync"]);
    await server.restart();
    return server;
  }

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  private get dataDir(): string {
    return join(this.dir, "data");
  }

  /** Starts it (again, same port and data) and resolves once it accepts connections. */
  async restart(): Promise<void> {
    const child = spawn(
      join(BIN, "postgres"),
      [
        ...["-D", this.dataDir, "-p", String(this.port), "-k", this.dir],
        ...["-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "full_page_writes=off"],
        ...["-c", "synchronous_commit=off", "-c", "max_connections=200"],
      ],
      { stdio: ["ignore", "pipe", "pipe"], ...this.user },
    );
    this.child = child;
    let output = "";
    await new Promise<void>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes("database system is ready to accept connections")) resolve();
      };
      child.stdout.on("data", onData);
      child.stderr.on("data", onData);
      child.once("exit", (code) => reject(new Error(`postgres exited with ${code}:\n${output}`)));
    });
  }

  /**
   * Stops it as an operator's restart does (fast shutdown: open sessions are terminated, running
   * transactions rolled back) and waits until it is gone.
   */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, "exit");
    child.kill("SIGINT");
    await exited;
  }

  /** Stops it and removes its files. */
  async destroy(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }

  private async run(command: string, args: string[]): Promise<void> {
    const child = spawn(join(BIN, command), args, { stdio: ["ignore", "pipe", "pipe"], ...this.user });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const [code] = (await once(child, "exit")) as [number | null];
    if (code !== 0) throw new Error(`${command} exited with ${code}:\n${output}`);
  }
}
