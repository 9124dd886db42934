import type { Config } from "../config.js";
import { migrationStatus } from "../db/migrate.js";
import { openMigratedDatabase } from "../db/open.js";

/** `migrate`: applies pending migrations and reports where the database stands. */
export async function migrateCommand(config: Config): Promise<void> {
  const database = await openMigratedDatabase(config);
  try {
    const { applied } = await migrationStatus(database);
    process.stdout.write(`database is up to date: ${applied} migrations applied (${database.kind})\n`);
  } finally {
    await database.close();
  }
}
