-- Wakes ETL workers (LISTEN report_documents) whenever documents are stored, by any writer:
-- intake, imports, bulk loads. Statement-level, so a batch of a thousand sends one notification,
-- and Postgres delivers it only when the inserting transaction commits.
CREATE FUNCTION notify_report_documents() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('report_documents', '');
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER report_documents_notify
  AFTER INSERT ON report_documents
  FOR EACH STATEMENT EXECUTE FUNCTION notify_report_documents();
