import { existsSync, readdirSync, rmSync } from "node:fs";
import { openDatabase } from "../../src/db/client.js";
import { migrate } from "../../src/db/migrate.js";
import { adminQuery, type BenchDatabaseTarget, withDatabase } from "./bench-database.js";

/** Fresh, migrated, empty databases for scenarios that write; all removed by `dropAll`. */
export class ScratchDatabases {
  private readonly made: BenchDatabaseTarget[] = [];

  constructor(
    private readonly kind: "postgres" | "pglite",
    private readonly serverUrl: string,
  ) {}

  async create(): Promise<BenchDatabaseTarget> {
    const n = this.made.length + 1;
    const target: BenchDatabaseTarget =
      this.kind === "postgres"
        ? (() => {
            const name = `cpt_bench_scratch_${process.pid}_${n}`;
            return { kind: "postgres", serverUrl: this.serverUrl, name, url: withDatabase(this.serverUrl, name) };
          })()
        : { kind: "pglite", dataDir: `data/bench/scratch-${process.pid}-${n}` };
    this.made.push(target);
    if (target.kind === "postgres") await adminQuery(this.serverUrl, `create database ${target.name}`);
    const database = await openDatabase(
      target.kind === "postgres" ? { url: target.url, poolSize: 1 } : { dataDir: target.dataDir },
    );
    try {
      await migrate(database);
    } finally {
      await database.close();
    }
    return target;
  }

  /** Removes scratch databases of benchmark runs that died before cleaning up after themselves. */
  async dropAbandoned(): Promise<void> {
    const alive = (pid: number) => existsSync(`/proc/${pid}`);
    if (this.kind === "postgres") {
      const rows = await adminQuery<{ datname: string }>(
        this.serverUrl,
        "select datname from pg_database where datname like 'cpt\\_bench\\_scratch\\_%'",
      );
      for (const { datname } of rows) {
        const pid = Number(/^cpt_bench_scratch_(\d+)_\d+$/.exec(datname)?.[1]);
        if (pid && !alive(pid)) await adminQuery(this.serverUrl, `drop database if exists ${datname} with (force)`);
      }
    } else if (existsSync("data/bench")) {
      for (const entry of readdirSync("data/bench")) {
        const pid = Number(/^scratch-(\d+)-\d+$/.exec(entry)?.[1]);
        if (pid && !alive(pid)) rmSync(`data/bench/${entry}`, { recursive: true, force: true });
      }
    }
  }

  async dropAll(): Promise<void> {
    for (const target of this.made.splice(0)) {
      if (target.kind === "postgres")
        await adminQuery(this.serverUrl, `drop database if exists ${target.name} with (force)`);
      else rmSync(target.dataDir, { recursive: true, force: true });
    }
  }
}
