-- Stored documents are compressed with lz4 where the server has it (Postgres built with lz4, as
-- Debian's and the official images are; PGlite is not, and keeps pglz). At the same size (about
-- 4.5 KB for a 11 KB report), lz4 compresses a document in about half of pglz's time and
-- decompresses it faster still: intake and the legacy import store documents, the ETL reads every
-- one back. Existing documents keep their compression until rewritten; both read the same.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY (enumvals)) THEN
    ALTER TABLE "report_documents" ALTER COLUMN "document" SET COMPRESSION lz4;
  END IF;
END $$;
