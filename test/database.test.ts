import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { openDatabase, queryRows } from "../src/db/client.js";
import { isStatementTimeout } from "../src/errors/index.js";
import { announceDocuments, DOCUMENTS_CHANNEL } from "../src/db/queries/document.queries.js";
import { createTestDatabase, testBackends } from "./helpers/database.js";
import { waitFor } from "./helpers/wait.js";

describe.each(testBackends())("database on $name", (backend) => {
  it("delivers an announcement of stored documents to the ETL's listeners", async () => {
    const test = await createTestDatabase(backend);
    try {
      const heard: string[] = [];
      const stop = await test.database.listen(DOCUMENTS_CHANNEL, (payload) => heard.push(payload));
      await announceDocuments(test.database.db);
      expect(await waitFor(() => (heard.length > 0 ? heard : undefined), "a notification")).toEqual([""]);
      await stop();
    } finally {
      await test.drop();
    }
  });

  it("compresses report documents with lz4 on Postgres and keeps pglz where lz4 is missing (PGlite; migration 0003)", async () => {
    const test = await createTestDatabase(backend);
    try {
      const [column] = await queryRows<{ compression: string }>(
        test.database.db,
        sql`select attcompression as compression from pg_attribute
            where attrelid = 'report_documents'::regclass and attname = 'document'`,
      );
      // 'l' is lz4; '' is the server's default, pglz.
      expect(column?.compression).toBe(backend.postgresUrl ? "l" : "");
    } finally {
      await test.drop();
    }
  });

  it("returns raw rows the same way on both drivers", async () => {
    const test = await createTestDatabase(backend);
    try {
      expect(await queryRows(test.database.db, sql`select 1::int as one, 'x' as letter`)).toEqual([
        { one: 1, letter: "x" },
      ]);
    } finally {
      await test.drop();
    }
  });
});

// PGlite has no statement timeout; this case exists for Postgres backends only.
describe.each(testBackends().filter((backend) => backend.postgresUrl))("statement timeout on $name", (backend) => {
  it("cancels a statement that runs past DATABASE_STATEMENT_TIMEOUT_MS", async () => {
    const database = await openDatabase({ url: backend.postgresUrl, statementTimeoutMs: 100, poolSize: 1 });
    try {
      const error: unknown = await database.db.execute(sql`select pg_sleep(2)`).then(
        () => undefined,
        (cause: unknown) => cause,
      );
      expect(isStatementTimeout(error)).toBe(true);
      await expect(database.db.execute(sql`select 1 as one`)).resolves.toBeDefined();
    } finally {
      await database.close();
    }
  });
});
