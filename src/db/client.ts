import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
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
   * listening; the returned function stops it. A lost connection is made again by itself, and
   * `onNotify("")` then says that notifications sent meanwhile may have been missed.
   */
  listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>>;
  /**
   * One parameterised statement straight through the driver. For the rare hot path where
   * building the statement with drizzle costs more than running it (intake stores thousands of
   * documents a second); everything else uses `db`.
   */
  query<Row>(text: string, params: unknown[]): Promise<Row[]>;
  /**
   * A statement, or without parameters a script of several, for a library that brings its own SQL
   * (the job queue: pg-boss's `db.executeSql`).
   */
  executeSql(text: string, params?: unknown[]): Promise<{ rows: unknown[] }>;
  /** Connections of the pool (Postgres); absent on PGlite, which has one in-process session. */
  poolStats?(): PoolStats;
  close(): Promise<void>;
}

export interface PoolStats {
  total: number;
  idle: number;
  /** Queries waiting for a connection: the pool is too small, or the database too slow. */
  waiting: number;
}

/** Told the duration of every statement sent to Postgres, and whether it failed (for metrics). */
export type StatementObserver = (seconds: number, failed: boolean) => void;

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
  /** Times every statement on Postgres (pooled and in transactions); PGlite is not timed. */
  onStatement?: StatementObserver | undefined;
}

/**
 * The extensions every PGlite is started with: pg_trgm, the report text search's index
 * (drizzle/0005_pg_trgm.sql creates it in the database).
 */
export const PGLITE_EXTENSIONS = { pg_trgm };

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
  // A client checked out (a transaction holds one between statements) has no pool listener; its
  // 'error' would crash the process too. Its pending and next queries reject instead, and the pool
  // discards it on release because it is no longer queryable.
  pool.on("connect", (client) => {
    client.on("error", () => undefined);
    if (options.onStatement) timeStatements(client, options.onStatement);
  });
  // Fail at start-up, with pg's own reason, rather than at the first request.
  const probe = await pool.connect();
  probe.release();
  const listeners = new Set<() => Promise<void>>();

  return {
    kind: "postgres",
    db: drizzlePg(pool, { schema, ...(options.logger ? { logger: options.logger } : {}) }) as unknown as Db,
    async query<Row>(text: string, params: unknown[]) {
      return (await pool.query(text, params)).rows as Row[];
    },
    async executeSql(text, params) {
      const result = await pool.query(text, params);
      // A script answers one result per statement; the last is the one asked for.
      const last = (Array.isArray(result) ? result.at(-1) : result) as { rows?: unknown[] } | undefined;
      return { rows: last?.rows ?? [] };
    },
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    async listen(channel, onNotify) {
      const stop = await listenForever(url, channel, onNotify);
      listeners.add(stop);
      return async () => {
        listeners.delete(stop);
        await stop();
      };
    },
    async close() {
      await Promise.all([...listeners].map((stop) => stop()));
      await pool.end();
    },
  };
}

/**
 * Wraps a connection's query() to time the statements that return a promise (every one drizzle
 * and the pool send); callback and streaming forms pass through untimed. Two clock reads and a
 * histogram observation per statement.
 */
function timeStatements(client: pg.PoolClient, observe: StatementObserver): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
    const started = performance.now();
    const result = query(...args);
    if (result instanceof Promise) {
      result.then(
        () => observe((performance.now() - started) / 1000, false),
        () => observe((performance.now() - started) / 1000, true),
      );
    }
    return result;
  };
}

/** Longest pause between two attempts to get a lost LISTEN back: the ETL's latency waits on it. */
const RELISTEN_MAX_DELAY_MS = 250;

/**
 * LISTEN on a session of its own (a pooled client would be handed to other queries), made again
 * whenever the connection is lost, until stopped. The first attempt's failure is thrown.
 */
async function listenForever(
  url: string,
  channel: string,
  onNotify: (payload: string) => void,
): Promise<() => Promise<void>> {
  let current: pg.Client | undefined;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;

  const connect = async (): Promise<void> => {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
    // Errors end the connection; 'end' below decides what happens next.
    client.on("error", () => undefined);
    client.on("notification", (message) => {
      if (message.channel === channel) onNotify(message.payload ?? "");
    });
    client.once("end", () => {
      if (current !== client) return;
      current = undefined;
      reconnect(0);
    });
    try {
      await client.connect();
      await client.query(`listen ${pg.escapeIdentifier(channel)}`);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    if (stopped) await client.end();
    else current = client;
  };
  const reconnect = (attempt: number): void => {
    if (stopped) return;
    retry = setTimeout(
      () => {
        connect().then(
          () => {
            if (!stopped) onNotify("");
          },
          () => reconnect(attempt + 1),
        );
      },
      Math.min(RELISTEN_MAX_DELAY_MS, 25 * 2 ** attempt),
    );
  };

  await connect();
  return async () => {
    stopped = true;
    clearTimeout(retry);
    const client = current;
    current = undefined;
    await client?.end();
  };
}

const OWN_TRANSACTION = /^\s*BEGIN\b/i;

async function openPglite(dataDir: string, options: DatabaseOptions): Promise<Database> {
  let unlock: () => void = () => undefined;
  if (!dataDir.startsWith("memory://")) {
    mkdirSync(dataDir, { recursive: true });
    // One process at a time: PGlite would let a second one write into the same files and lose it.
    unlock = lockDataDir(dataDir);
  }
  let client: PGlite;
  try {
    client = await PGlite.create(dataDir, {
      extensions: PGLITE_EXTENSIONS,
      ...(options.pgliteDump ? { loadDataDir: options.pgliteDump } : {}),
    });
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
    async executeSql(text, params) {
      // PGlite's query takes one statement; exec takes a script (but no parameters).
      if (params && params.length > 0) return { rows: (await client.query(text, params)).rows };
      // A script with its own BEGIN (pg-boss's) that fails would leave PGlite's one session aborted
      // for every caller; inside transaction() PGlite rolls it back before anyone else's statement.
      const results = OWN_TRANSACTION.test(text)
        ? await client.transaction((tx) => tx.exec(text))
        : await client.exec(text);
      return { rows: results.at(-1)?.rows ?? [] };
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
