-- The search (src/db/queries/report-search.queries.ts) plans ILIKE over report_texts.words and
-- body. With column statistics, the planner estimates each pattern by running it over the
-- column's histogram: a hundred texts of about 1 KB, 1.7 ms of planning per searched word, 9 ms
-- for `Can't locate Net/Ghost.pm in @INC` (more than executing it). Without statistics it takes
-- the default selectivity, and plans stay the same: the trigram index for rare words, the newest
-- texts first for common ones. Statistics already gathered are removed where this role may
-- (a superuser's; elsewhere they stay until an operator removes them, docs/OPERATIONS.md).
ALTER TABLE "report_texts" ALTER COLUMN "words" SET STATISTICS 0;
--> statement-breakpoint
ALTER TABLE "report_texts" ALTER COLUMN "body" SET STATISTICS 0;
--> statement-breakpoint
DO $$
BEGIN
  DELETE FROM pg_statistic
  WHERE starelid = 'report_texts'::regclass
    AND staattnum IN (SELECT attnum FROM pg_attribute WHERE attrelid = 'report_texts'::regclass AND attname IN ('words', 'body'));
EXCEPTION WHEN insufficient_privilege THEN
  NULL;
END $$;
--> statement-breakpoint
-- Every search and every ETL batch with non-pass reports reads or writes these texts (5.5 KB on
-- average, compressed): lz4 where the server has it, as for documents (0012).
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY (enumvals)) THEN
    ALTER TABLE "report_texts" ALTER COLUMN "body" SET COMPRESSION lz4;
  END IF;
END $$;
