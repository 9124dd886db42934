import { sql } from "drizzle-orm";
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
  (t) => [
    index("reports_dist_version_idx").on(t.dist, t.version, t.id),
    // The read API lists reports newest first (id desc) under one filter at a time; each filter
    // has an index ending in id, so a page reads about as many index entries as it returns
    // instead of walking the whole table backwards until it finds enough matches.
    index("reports_osname_idx").on(t.osname, t.id),
    index("reports_grade_idx").on(t.grade, t.id),
    // Serves both the series filter (5.36) and the exact one (5.36.1, parts plus a recheck of perl).
    index("reports_perl_idx").on(t.perlMajor, t.perlMinor, t.id),
    // Development perls are a small share of reports: a partial index keeps this one small.
    index("reports_dev_perl_idx")
      .on(t.id)
      .where(sql`${t.perlMaturity} = 'dev'`),
    // A list limited to a time range is ordered by submission time: ids follow arrival, not
    // submission, so an id-ordered walk would read every newer report before reaching the range.
    index("reports_submitted_at_idx").on(t.submittedAt, t.id),
  ],
);

export type ReportRow = typeof reports.$inferSelect;
export type NewReportRow = typeof reports.$inferInsert;
