-- Report documents (5-15 KB of JSON each) are compressed with lz4 where the server has it: storing
-- one costs about a third of pglz's time and reading it back about half, for ~7% more bytes. Only
-- documents stored from now on are affected. A server built without lz4 (PGlite is one) keeps pglz.
DO $$
BEGIN
  ALTER TABLE "report_documents" ALTER COLUMN "document" SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported THEN
  RAISE NOTICE 'lz4 is not available on this server: report documents stay compressed with pglz';
END;
$$;
