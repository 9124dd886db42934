import { boolean, pgTable, smallint, text } from "drizzle-orm/pg-core";

/** Every perl version a report has named, with its parsed parts for sorting and filtering. */
export const perlVersions = pgTable("perl_versions", {
  version: text("version").primaryKey(),
  major: smallint("major").notNull(),
  minor: smallint("minor").notNull(),
  patch: smallint("patch").notNull(),
  /** stable | dev */
  maturity: text("maturity").notNull(),
  patched: boolean("patched").notNull(),
});

export type PerlVersionRow = typeof perlVersions.$inferSelect;
