import { sql } from "drizzle-orm";
import { type Db, queryRows } from "../client.js";

/**
 * How many migrations the database has applied. Hand-written: the table is drizzle-kit's own
 * journal (`drizzle.__drizzle_migrations`), not part of our schema.
 */
export async function appliedMigrationCount(db: Db): Promise<number> {
  const [row] = await queryRows<{ applied: number }>(
    db,
    sql`select count(*)::int as applied from drizzle.__drizzle_migrations`,
  );
  return row?.applied ?? 0;
}
