import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { sql } from "drizzle-orm";
import pg from "pg";
import { type Database, openDatabase, queryRows } from "../../src/db/client.js";
import { migrate, migrationsFolder } from "../../src/db/migrate.js";

/**
 * The database a benchmark runs on: `cpt_bench_<size>` on the machine's Postgres, or a PGlite
 * directory under data/bench. A loaded one is reused while its marker matches what this code
 * would load, so a rerun does not spend minutes loading the same million reports again.
 */
export type BenchDatabaseTarget =
  { kind: "postgres"; serverUrl: string; name: string; url: string } | { kind: "pglite"; dataDir: string };

/** What a loaded database holds; a database whose marker differs is loaded again. */
export interface LoadMarker {
  seed: number;
  size: number;
  generator: number;
  derived: string;
  migrations: number;
}

const MARKER_PREFIX = "cpantesters-bench ";

export function benchDatabaseTarget(kind: "postgres" | "pglite", serverUrl: string, size: number): BenchDatabaseTarget {
  if (kind === "pglite") return { kind, dataDir: `data/bench/pglite-${size}` };
  const name = `cpt_bench_${size}`;
  return { kind, serverUrl, name, url: withDatabase(serverUrl, name) };
}

/** The marker of a fully loaded database, or undefined when it is missing or was never completed. */
export async function readMarker(target: BenchDatabaseTarget): Promise<LoadMarker | undefined> {
  if (target.kind === "pglite") {
    const file = `${target.dataDir}.json`;
    return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as LoadMarker) : undefined;
  }
  const rows = await adminQuery<{ comment: string | null }>(
    target.serverUrl,
    "select shobj_description(oid, 'pg_database') as comment from pg_database where datname = $1",
    [target.name],
  );
  if (rows.length === 0) return undefined;
  const comment = rows[0]?.comment ?? "";
  // Never drop what the benchmark did not make: a same-named database without our marker stops here.
  if (!comment.startsWith(MARKER_PREFIX)) {
    throw new Error(`database ${target.name} exists but was not made by the benchmark: drop it or pick another --size`);
  }
  const marker = JSON.parse(comment.slice(MARKER_PREFIX.length)) as LoadMarker & { complete?: boolean };
  return marker.complete ? marker : undefined;
}

/** Drops and recreates the database (or directory), migrated and empty, marked as incomplete. */
export async function recreate(target: BenchDatabaseTarget): Promise<Database> {
  if (target.kind === "pglite") {
    rmSync(target.dataDir, { recursive: true, force: true });
    rmSync(`${target.dataDir}.json`, { force: true });
    mkdirSync(target.dataDir, { recursive: true });
    const database = await openDatabase({ dataDir: target.dataDir });
    await migrate(database);
    return database;
  }
  await adminQuery(target.serverUrl, `drop database if exists ${target.name} with (force)`);
  await adminQuery(target.serverUrl, `create database ${target.name}`);
  await adminQuery(target.serverUrl, `comment on database ${target.name} is '${MARKER_PREFIX}{"complete":false}'`);
  const database = await openDatabase({ url: target.url, poolSize: 4 });
  await migrate(database);
  return database;
}

export async function writeMarker(target: BenchDatabaseTarget, marker: LoadMarker): Promise<void> {
  const text = JSON.stringify({ ...marker, complete: true });
  if (target.kind === "pglite") writeFileSync(`${target.dataDir}.json`, text);
  else
    await adminQuery(
      target.serverUrl,
      `comment on database ${target.name} is ${pg.escapeLiteral(MARKER_PREFIX + text)}`,
    );
}

/** Opens an existing benchmark database. */
export async function openBenchDatabase(target: BenchDatabaseTarget): Promise<Database> {
  const database =
    target.kind === "pglite"
      ? await openDatabase({ dataDir: target.dataDir })
      : await openDatabase({ url: target.url, poolSize: 4 });
  await migrate(database);
  return database;
}

/** How many migrations this code applies: a database loaded under other migrations is reloaded. */
export function expectedMigrations(): number {
  const journal = JSON.parse(readFileSync(`${migrationsFolder}/meta/_journal.json`, "utf8")) as { entries: unknown[] };
  return journal.entries.length;
}

export function sameMarker(a: LoadMarker, b: LoadMarker): boolean {
  const keys: (keyof LoadMarker)[] = ["seed", "size", "generator", "derived", "migrations"];
  return keys.every((key) => a[key] === b[key]);
}

/** Refreshes planner statistics: a freshly loaded table has none, and plans would be guesses. */
export async function analyze(database: Database): Promise<void> {
  await queryRows(database.db, sql`analyze`);
}

export function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

export async function adminQuery<Row>(serverUrl: string, text: string, values: unknown[] = []): Promise<Row[]> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return (await client.query(text, values)).rows as Row[];
  } finally {
    await client.end();
  }
}
