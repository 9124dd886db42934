-- NOTIFY from a trigger made every intake commit take Postgres's global notification lock and
-- hold it through its WAL flush, which put all concurrent commits in a single line. Intake now
-- sends one coalesced NOTIFY after its commits instead (src/intake/documents.announcer.ts).
DROP TRIGGER report_documents_notify ON report_documents;
--> statement-breakpoint
DROP FUNCTION notify_report_documents();
--> statement-breakpoint
-- TOAST-compress documents with lz4 where the server has it: about 1.6x faster inserts than the
-- default pglz at the same size. Builds without lz4 (PGlite) keep pglz.
DO $$
BEGIN
  ALTER TABLE report_documents ALTER COLUMN document SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported THEN
  NULL;
END $$;
