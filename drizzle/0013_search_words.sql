-- The search's trigram index moves from the whole text to its distinct words (src/analysis/
-- search-text.ts). Texts stored before keep their whole text as their words: it contains every
-- word it has, so each search still finds them; `etl --rebuild` makes them compact.
DROP INDEX "report_texts_body_trgm_idx";--> statement-breakpoint
ALTER TABLE "report_texts" ADD COLUMN "words" text;--> statement-breakpoint
UPDATE "report_texts" SET "words" = "body";--> statement-breakpoint
ALTER TABLE "report_texts" ALTER COLUMN "words" SET NOT NULL;--> statement-breakpoint
CREATE INDEX "report_texts_words_trgm_idx" ON "report_texts" USING gin ("words" gin_trgm_ops);
