-- Trigram indexes find exact text in report output (report_texts). PGlite loads the extension
-- at start-up (src/db/client.ts); Postgres ships it in contrib, trusted since 13.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
