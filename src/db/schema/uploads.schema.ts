import { boolean, index, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

/** Releases uploaded to CPAN. A report for an unknown release creates a provisional row. */
export const uploads = pgTable(
  "uploads",
  {
    dist: text("dist").notNull(),
    version: text("version").notNull(),
    /** PAUSE id; null while the upload is provisional and its author unknown. */
    author: text("author"),
    /** The file name on PAUSE without the author directory. */
    filename: text("filename"),
    releasedAt: timestamp("released_at", { withTimezone: true }),
    /** cpan: still on CPAN; backpan: only on BackPAN. */
    location: text("location").notNull().default("cpan"),
    /** stable | dev (a `_` in the version or a -TRIAL file). */
    maturity: text("maturity").notNull().default("stable"),
    /** True while only reports, not the upload itself, have told us of this release. */
    provisional: boolean("provisional").notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.dist, t.version] }),
    index("uploads_author_idx").on(t.author, t.releasedAt),
    index("uploads_released_at_idx").on(t.releasedAt),
  ],
);

export type UploadRow = typeof uploads.$inferSelect;
