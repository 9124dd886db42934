import { bigint, index, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

/*
 * What the ETL derives to say why reports fail (src/analysis/). One row per report in each table,
 * written with its report row, so `etl --rebuild` recomputes them like every derived table.
 */

/**
 * Every counted report's machine as factors (`kind US name US value`: perl, OS, build features,
 * toolchain and prerequisite versions), with its grade: a release's factor ranking reads its rows
 * alone (src/analysis/factor-ranking.ts).
 */
export const reportFactors = pgTable(
  "report_factors",
  {
    reportId: bigint("report_id", { mode: "number" }).primaryKey(),
    dist: text("dist").notNull(),
    version: text("version").notNull(),
    grade: text("grade").notNull(),
    /** One factor a line (cheaper to bind by column than a text[]). */
    factors: text("factors").notNull(),
  },
  (t) => [index("report_factors_release_idx").on(t.dist, t.version)],
);

/**
 * The searchable output of every non-pass report (src/analysis/search-text.ts): passes are most
 * reports and say "All tests successful". A trigram index finds exact text (`Can't locate
 * Foo/Bar.pm`) that full-text tokens split badly; it covers `words`, the text's distinct words in
 * lower case, which hold the same trigrams as the text at about a sixth of its size (searchWords).
 * Matches are ranked at read time over the text around them: a stored tsvector doubled what the
 * analysis cost the ETL (bench/scenarios/analysis.scenario.ts, 2,000 generated reports on
 * Postgres: 4.3 s → 2.4 s over the ETL alone).
 */
export const reportTexts = pgTable(
  "report_texts",
  {
    reportId: bigint("report_id", { mode: "number" }).primaryKey(),
    body: text("body").notNull(),
    words: text("words").notNull(),
  },
  (t) => [index("report_texts_words_trgm_idx").using("gin", t.words.op("gin_trgm_ops"))],
);

/** Each failure of a non-pass report: a signature, and the test file it failed in ('' for none). */
export const reportFailures = pgTable(
  "report_failures",
  {
    reportId: bigint("report_id", { mode: "number" }).notNull(),
    signature: text("signature").notNull(),
    testFile: text("test_file").notNull(),
    dist: text("dist").notNull(),
    version: text("version").notNull(),
    submittedAt: timestamp("submitted_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.reportId, t.signature, t.testFile] }),
    index("report_failures_release_idx").on(t.dist, t.version),
    index("report_failures_signature_idx").on(t.signature, t.reportId),
    // Signatures spreading now: the recent failures, grouped.
    index("report_failures_submitted_at_idx").on(t.submittedAt),
  ],
);

/** What each signature reads as, written the first time it is seen. */
export const failureSignatures = pgTable("failure_signatures", {
  signature: text("signature").primaryKey(),
  kind: text("kind").notNull(),
  title: text("title").notNull(),
  firstSeenAt: timestamp("first_seen_at", { withTimezone: true }).notNull(),
});

export type ReportFailureRow = typeof reportFailures.$inferSelect;
