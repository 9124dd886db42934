import { rmSync } from "node:fs";
import { openDatabase } from "../../db/client.js";
import { migrate } from "../../db/migrate.js";
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

  async dropAll(): Promise<void> {
    for (const target of this.made.splice(0)) {
      if (target.kind === "postgres")
        await adminQuery(this.serverUrl, `drop database if exists ${target.name} with (force)`);
      else rmSync(target.dataDir, { recursive: true, force: true });
    }
  }
}
