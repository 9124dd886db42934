import { Command } from "commander";
import { loadConfig } from "../config.js";
import { migrationStatus } from "../db/migrate.js";
import { openMigratedDatabase } from "../db/open.js";

/** `migrate`: applies pending migrations and reports where the database stands. */
export function migrateCommand(): Command {
  return new Command("migrate").description("apply pending database migrations").action(async () => {
    const database = await openMigratedDatabase(loadConfig());
    try {
      const { applied } = await migrationStatus(database);
      process.stdout.write(`database is up to date: ${applied} migrations applied (${database.kind})\n`);
    } finally {
      await database.close();
    }
  });
}
