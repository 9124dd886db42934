import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import type { NodePgDatabase } from "drizzle-orm/node-postgres";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import type { Database, Schema } from "./client.js";
import { appliedMigrationCount } from "./queries/migration.queries.js";
import { lockForTransaction, withoutStatementTimeout } from "./queries/session.queries.js";

/** The migrations drizzle-kit generates from src/db/schema. */
export const migrationsFolder = fileURLToPath(new URL("../../drizzle", import.meta.url));

// Any constant shared by every process of the platform: API replicas and ETL workers starting
// together must not apply the same migration twice.
const MIGRATION_LOCK = 7_301_998;

/** Applies every pending migration; safe to call from many processes at once. */
export async function migrate(database: Database): Promise<void> {
  if (database.kind === "pglite") {
    await migratePglite(database.db as unknown as PgliteDatabase<Schema>, { migrationsFolder });
    return;
  }
  const db = database.db as unknown as NodePgDatabase<Schema>;
  await db.transaction(async (tx) => {
    // Transaction-scoped, so the lock cannot outlive a crashed migration.
    await lockForTransaction(tx, MIGRATION_LOCK);
    // Building an index on a large table takes longer than the API's statement timeout.
    await withoutStatementTimeout(tx);
    await migratePg(tx as unknown as NodePgDatabase<Schema>, { migrationsFolder });
  });
}

/** How many migrations the code expects, and how many the database has applied. */
export async function migrationStatus(database: Database): Promise<{ expected: number; applied: number }> {
  const journal = JSON.parse(readFileSync(`${migrationsFolder}/meta/_journal.json`, "utf8")) as {
    entries: unknown[];
  };
  return { expected: journal.entries.length, applied: await appliedMigrationCount(database.db) };
}
