import { sql } from "drizzle-orm";
import type { Db } from "../client.js";

/*
 * Statements about the session rather than a table. Hand-written: the query builder has no form
 * for SET, advisory locks or a bare SELECT.
 */

/** Whether the database answers (readiness). */
export async function ping(db: Db): Promise<void> {
  await db.execute(sql`select 1`);
}

/**
 * Lifts the statement timeout for the rest of this transaction: the API's timeout protects it
 * from costly user queries, and a large ETL batch or a migration is not one of those.
 */
export async function withoutStatementTimeout(tx: Db): Promise<void> {
  await tx.execute(sql`set local statement_timeout = 0`);
}

/**
 * Waits for the transaction-level advisory lock `key` and holds it until commit or rollback:
 * every process that takes the same key runs that part of its transaction in a line.
 */
export async function lockForTransaction(tx: Db, key: number): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${key})`);
}
