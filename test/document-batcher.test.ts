import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { NewDocument } from "../src/db/queries/document.queries.js";
import { DocumentBatcher } from "../src/intake/document.batcher.js";
import { createTestDatabase, type TestDatabase, testBackends } from "./helpers/database.js";

const newDocument = (id: string = randomUUID(), hash = "h1"): NewDocument => ({
  id,
  source: "v3",
  testerId: null,
  json: JSON.stringify({ id, result: { grade: "pass" } }),
  contentHash: hash,
});

describe.each(testBackends())("intake group commit on $name", (backend) => {
  let test: TestDatabase;
  const inserts: number[] = [];
  let batcher: DocumentBatcher;
  beforeAll(async () => {
    test = await createTestDatabase(backend);
    // The batcher sees the real database through a wrapper that counts its INSERT statements.
    batcher = new DocumentBatcher({
      query: (text, params) => {
        // One `::jsonb` per row: the documents this INSERT carries.
        if (text.startsWith("insert into report_documents")) inserts.push(text.split("::jsonb").length - 1);
        return test.database.query(text, params);
      },
    });
  });
  afterAll(() => test.drop());

  it("writes the reports that arrive in one turn of the event loop with one INSERT", async () => {
    inserts.length = 0;
    const documents = Array.from({ length: 25 }, () => newDocument());
    const outcomes = await Promise.all(documents.map((document) => batcher.store(document)));
    expect(outcomes).toEqual(documents.map(() => "created"));
    expect(inserts).toEqual([25]);
  });

  it("writes a lone report by itself, and tells duplicates and conflicts within a batch", async () => {
    inserts.length = 0;
    const lone = newDocument();
    expect(await batcher.store(lone)).toBe("created");
    expect(inserts).toEqual([1]);
    const twice = newDocument();
    const outcomes = await Promise.all([
      batcher.store(twice),
      batcher.store({ ...twice }),
      batcher.store(newDocument(twice.id, "other content")),
      batcher.store(lone),
    ]);
    expect(outcomes).toEqual(["created", "duplicate", "conflict", "duplicate"]);
  });
});
