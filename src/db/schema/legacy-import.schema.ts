import { customType, jsonb, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => "bytea" });

/**
 * Where `import:legacy` stopped in each table of the original database: the last primary key it
 * committed, written in the same transaction as the rows it read, so that an import interrupted
 * at any point (SIGKILL included) starts again just after what it had committed.
 */
export const legacyImportCheckpoints = pgTable("legacy_import_checkpoints", {
  /** The source table, with the `--since` filter it was read under (`test_report@2020-01-01`). */
  scope: text("scope").primaryKey(),
  lastKey: text("last_key").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Rows of the original database that were not imported, with the reason: reports that fail
 * intake's validation, rows that cannot be read (bad JSON, Sereal). Kept, never silently dropped.
 */
export const legacyImportRejects = pgTable(
  "legacy_import_rejects",
  {
    sourceTable: text("source_table").notNull(),
    /** The row's primary key in the original table (the report GUID for reports). */
    sourceKey: text("source_key").notNull(),
    /** The reason in short, the same words for the same kind of problem: what summaries group by. */
    reason: text("reason").notNull(),
    /** Every problem found, `[{ path, message }]`. */
    errors: jsonb("errors").notNull(),
    /** The row's content as read, for a later look or a retry after a fix. */
    raw: bytea("raw"),
    rejectedAt: timestamp("rejected_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.sourceTable, t.sourceKey] })],
);

export type LegacyImportRejectRow = typeof legacyImportRejects.$inferSelect;
