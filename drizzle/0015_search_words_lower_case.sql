-- The search compares report_texts.words with LIKE in lower case (src/analysis/search-text.ts
-- writes them so): texts written before are brought to lower case once. Their trigrams, which
-- pg_trgm takes in lower case, stay the same.
UPDATE "report_texts" SET "words" = lower("words") WHERE "words" <> lower("words");
