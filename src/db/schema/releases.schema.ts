import { bigint, index, integer, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

/**
 * Report counts per release (the original `release_summary`), kept by the ETL in the same
 * transaction as the report rows. Both views are stored because consumers disagree on which one
 * they want: every perl, and stable perls only.
 */
export const releases = pgTable(
  "releases",
  {
    dist: text("dist").notNull(),
    version: text("version").notNull(),
    pass: integer("pass").notNull().default(0),
    fail: integer("fail").notNull().default(0),
    na: integer("na").notNull().default(0),
    unknown: integer("unknown").notNull().default(0),
    stablePass: integer("stable_pass").notNull().default(0),
    stableFail: integer("stable_fail").notNull().default(0),
    stableNa: integer("stable_na").notNull().default(0),
    stableUnknown: integer("stable_unknown").notNull().default(0),
    latestReportId: bigint("latest_report_id", { mode: "number" }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.dist, t.version] }),
    // The "updated since" feed pages by (updated_at, dist, version): the key must be unique.
    index("releases_updated_at_idx").on(t.updatedAt, t.dist, t.version),
    // Most-failing releases: the top of this index, never a sort of every release.
    index("releases_fail_idx").on(t.fail.desc()),
  ],
);

export type ReleaseRow = typeof releases.$inferSelect;
