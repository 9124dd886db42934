import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { inject } from "vitest";
import { type Database, type DatabaseOptions, openDatabase } from "../../src/db/client.js";
import { adminQuery, withDatabase } from "../global-setup.js";

export interface Backend {
  /** "pglite" or "postgres+redis": the name a describe block carries. */
  name: string;
  /** Postgres server URL (any database on it); absent for PGlite. */
  postgresUrl?: string;
  /** Redis URL; absent for in-process events. */
  redisUrl?: string;
}

/** PGlite with in-process events always; Postgres with Redis when their test URLs are set. */
export function testBackends(): Backend[] {
  const backends: Backend[] = [{ name: "pglite" }];
  const postgresUrl = process.env.TEST_DATABASE_URL;
  if (postgresUrl) {
    const redisUrl = process.env.TEST_REDIS_URL;
    backends.push({ name: redisUrl ? "postgres+redis" : "postgres", postgresUrl, ...(redisUrl ? { redisUrl } : {}) });
  }
  return backends;
}

export interface TestDatabase {
  database: Database;
  /** The Postgres URL of this database, for child processes; absent for PGlite. */
  url?: string;
  /** Closes and, on Postgres, drops the database. */
  drop(): Promise<void>;
}

/**
 * Fills an empty PGlite data directory from the migrated template, for a command run in-process:
 * creating and migrating an embedded database on disk costs many seconds of CPU.
 */
export async function migratedDataDir(dataDir: string): Promise<void> {
  const dump = new Blob([await readFile(inject("pgliteTemplate"))]);
  const database = await openDatabase({ dataDir, pgliteDump: dump });
  await database.close();
}

/** A fresh, migrated database of its own: in-memory PGlite, or a copy of the Postgres template. */
export async function createTestDatabase(
  backend: Backend,
  options: Pick<DatabaseOptions, "logger"> = {},
): Promise<TestDatabase> {
  if (!backend.postgresUrl) {
    const dump = new Blob([await readFile(inject("pgliteTemplate"))]);
    const database = await openDatabase({ dataDir: "memory://", pgliteDump: dump, ...options });
    return { database, drop: () => database.close() };
  }
  const template = inject("postgresTemplate");
  if (!template) throw new Error("TEST_DATABASE_URL is set but global setup made no template database");
  const name = `cpt_test_${randomBytes(6).toString("hex")}`;
  await adminQuery(backend.postgresUrl, `create database ${name} template ${template}`);
  const url = withDatabase(backend.postgresUrl, name);
  const database = await openDatabase({ url, poolSize: 5, ...options });
  return {
    database,
    url,
    async drop() {
      await database.close();
      await adminQuery(backend.postgresUrl as string, `drop database if exists ${name} with (force)`);
    },
  };
}
