import { bigint, boolean, index, pgTable, smallint, text, timestamp, uuid } from "drizzle-orm/pg-core";

/**
 * One row per counted report (the original `cpanstats`). Consumers page by the sequential id;
 * rows are written only by the ETL, never updated.
 */
export const reports = pgTable(
  "reports",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    guid: uuid("guid").notNull().unique(),
    /** pass | fail | na | unknown */
    grade: text("grade").notNull(),
    dist: text("dist").notNull(),
    version: text("version").notNull(),
    /** The reporter as shown to people: "Full Name <email>" or the e-mail alone. */
    tester: text("tester").notNull(),
    /** As reported, minus a leading "v" (may carry " RC1" or " patch 12345"). */
    perl: text("perl").notNull(),
    perlMajor: smallint("perl_major").notNull(),
    perlMinor: smallint("perl_minor").notNull(),
    perlPatch: smallint("perl_patch").notNull(),
    /** stable | dev */
    perlMaturity: text("perl_maturity").notNull(),
    perlPatched: boolean("perl_patched").notNull(),
    /** The archname, e.g. x86_64-linux-thread-multi. */
    platform: text("platform").notNull(),
    osname: text("osname").notNull(),
    osversion: text("osversion").notNull(),
    submittedAt: timestamp("submitted_at", { withTimezone: true }).notNull(),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("reports_dist_version_idx").on(t.dist, t.version, t.id)],
);

export type ReportRow = typeof reports.$inferSelect;
export type NewReportRow = typeof reports.$inferInsert;
