import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import type { Logger as QueryLogger, SQL } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import pg from "pg";
import { lockDataDir } from "./data-dir.lock.js";
import * as schema from "./schema/index.js";

export type Schema = typeof schema;

/** The drizzle API every query function takes; a transaction is one too. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export type DatabaseKind = "postgres" | "pglite";

/** A database connection: the same drizzle API over a pg Pool or an embedded PGlite. */
export interface Database {
  readonly kind: DatabaseKind;
  readonly db: Db;
  /**
   * Calls `onNotify` for every NOTIFY on `channel`, from any process on Postgres. Resolves once
   * listening; the returned function stops it.
   */
  listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>>;
  /**
   * One parameterised statement straight through the driver. For the rare hot path where
   * building the statement with drizzle costs more than running it (intake stores thousands of
   * documents a second); everything else uses `db`.
   */
  query<Row>(text: string, params: unknown[]): Promise<Row[]>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** Postgres URL; absent: PGlite. */
  url?: string | undefined;
  /** PGlite's data directory; `memory://` keeps everything in memory. */
  dataDir?: string;
  poolSize?: number;
  /** Milliseconds after which Postgres cancels a statement (0: never). PGlite has no such limit. */
  statementTimeoutMs?: number;
  /** PGlite only: a data directory dump (PGlite's dumpDataDir) to start from instead of an empty one. */
  pgliteDump?: Blob;
  /** Sees every statement drizzle sends (tests count them to prove there is no N+1). */
  logger?: QueryLogger;
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  return options.url ? openPostgres(options.url, options) : openPglite(options.dataDir ?? "memory://", options);
}

async function openPostgres(url: string, options: DatabaseOptions): Promise<Database> {
  const timeout = options.statementTimeoutMs ?? 0;
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: 5_000,
    ...(timeout > 0 ? { options: `-c statement_timeout=${timeout}` } : {}),
  });
  // An idle client that loses its server emits here; without a listener it would crash the process.
  pool.on("error", () => undefined);
  // Fail at start-up, with pg's own reason, rather than at the first request.
  const probe = await pool.connect();
  probe.release();
  const listeners = new Set<pg.Client>();

  return {
    kind: "postgres",
    db: drizzlePg(pool, { schema, ...(options.logger ? { logger: options.logger } : {}) }) as unknown as Db,
    async query<Row>(text: string, params: unknown[]) {
      return (await pool.query(text, params)).rows as Row[];
    },
    async listen(channel, onNotify) {
      // LISTEN needs a session of its own: a pooled client would be handed to other queries.
      const client = new pg.Client({ connectionString: url });
      client.on("error", () => undefined);
      await client.connect();
      client.on("notification", (message) => {
        if (message.channel === channel) onNotify(message.payload ?? "");
      });
      await client.query(`listen ${pg.escapeIdentifier(channel)}`);
      listeners.add(client);
      return async () => {
        listeners.delete(client);
        await client.end();
      };
    },
    async close() {
      await Promise.all([...listeners].map((client) => client.end()));
      await pool.end();
    },
  };
}

async function openPglite(dataDir: string, options: DatabaseOptions): Promise<Database> {
  let unlock: () => void = () => undefined;
  if (!dataDir.startsWith("memory://")) {
    mkdirSync(dataDir, { recursive: true });
    // One process at a time: PGlite would let a second one write into the same files and lose it.
    unlock = lockDataDir(dataDir);
  }
  let client: PGlite;
  try {
    client = await PGlite.create(dataDir, options.pgliteDump ? { loadDataDir: options.pgliteDump } : {});
  } catch (error) {
    unlock();
    throw error;
  }
  return {
    kind: "pglite",
    db: drizzlePglite(client, { schema, ...(options.logger ? { logger: options.logger } : {}) }) as unknown as Db,
    async query<Row>(text: string, params: unknown[]) {
      return (await client.query<Row>(text, params)).rows;
    },
    async listen(channel, onNotify) {
      const stop = await client.listen(channel, onNotify);
      return () => stop();
    },
    async close() {
      try {
        await client.close();
      } finally {
        unlock();
      }
    },
  };
}

/** Runs raw SQL and returns its rows; both drivers answer `{ rows }`, which drizzle does not type. */
export async function queryRows<Row>(db: Db, query: SQL): Promise<Row[]> {
  const result: unknown = await db.execute(query);
  return (result as { rows: Row[] }).rows;
}

/**
 * A timestamp of a raw row (queryRows, prepareSql) as a Date: raw SQL skips drizzle's mapping, and
 * drizzle sets the driver to hand timestamps over as text.
 */
export function asDate(value: Date | string): Date;
export function asDate(value: Date | string | null): Date | null;
export function asDate(value: Date | string | null): Date | null {
  return value === null || value instanceof Date ? value : new Date(value);
}
