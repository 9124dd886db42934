import { accessSync, constants, mkdirSync } from "node:fs";
import { resolve } from "node:path";
import type { Config } from "../config.js";
import { type Database, openDatabase, type StatementObserver } from "./client.js";
import { DataDirInUseError } from "./data-dir.lock.js";
import { migrate } from "./migrate.js";

/** Raised when the database cannot be reached; its message is one line fit for an operator. */
export class DatabaseUnavailableError extends Error {
  override name = "DatabaseUnavailableError";
}

/** Opens the configured database and applies pending migrations. */
export async function openMigratedDatabase(
  config: Config,
  options: { statementTimeoutMs?: number; onStatement?: StatementObserver } = {},
): Promise<Database> {
  const where = config.databaseUrl ? redact(config.databaseUrl) : `PGlite at ${config.dataDir}`;
  if (!config.databaseUrl) ensureWritable(config.dataDir);
  let database: Database;
  try {
    database = await openDatabase({
      url: config.databaseUrl,
      dataDir: config.dataDir,
      poolSize: config.databasePoolSize,
      statementTimeoutMs: config.databaseStatementTimeoutMs,
      ...options,
    });
  } catch (error) {
    if (error instanceof DataDirInUseError) throw new DatabaseUnavailableError(error.message, { cause: error });
    throw new DatabaseUnavailableError(`cannot open the database (${where}): ${describe(error)}`, { cause: error });
  }
  try {
    await migrate(database);
  } catch (error) {
    await database.close().catch(() => undefined);
    throw new DatabaseUnavailableError(`cannot migrate the database (${where}): ${describe(error)}`, { cause: error });
  }
  return database;
}

/** PGlite keeps its files under DATA_DIR: say plainly when this user cannot write there. */
function ensureWritable(dataDir: string): void {
  if (dataDir.startsWith("memory://")) return;
  try {
    mkdirSync(dataDir, { recursive: true });
    accessSync(dataDir, constants.W_OK);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? describe(error);
    throw new DatabaseUnavailableError(
      `the data directory ${resolve(dataDir)} is not writable (${reason}): ` +
        "set DATA_DIR to a directory this user can write, or DATABASE_URL to use Postgres",
      { cause: error },
    );
  }
}

function redact(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = "***";
  return parsed.toString();
}

function describe(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return describe(error.errors[0]);
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}
