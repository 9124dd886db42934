import { sql } from "drizzle-orm";
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
    // The releases of a distribution newest first, and so its latest release: the first entry.
    // Provisional uploads have no release time yet and come last.
    index("uploads_dist_latest_idx").on(t.dist, t.releasedAt.desc().nullsLast(), t.version.desc()),
    // An author's distributions by name (the dashboard), read by skipping from one name to the next.
    index("uploads_author_dist_idx").on(t.author, t.dist),
    // Prefix search for search boxes. The C collation makes `like 'abc%'` a range scan whatever the
    // database's collation, and gives the order the search pages in.
    index("uploads_dist_search_idx").on(sql`lower(${t.dist}) collate "C"`, t.dist),
    index("uploads_author_search_idx").on(sql`${t.author} collate "C"`),
  ],
);

export type UploadRow = typeof uploads.$inferSelect;
