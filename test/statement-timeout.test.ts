import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../src/db/client.js";
import { isStatementTimeout } from "../src/db/errors.js";

// PGlite has no statement timeout: this runs on Postgres only.
describe.runIf(process.env.TEST_DATABASE_URL)("statement timeout on postgres", () => {
  it("cancels a statement that runs past DATABASE_STATEMENT_TIMEOUT_MS", async () => {
    const database = await openDatabase({ url: process.env.TEST_DATABASE_URL, statementTimeoutMs: 100, poolSize: 1 });
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
