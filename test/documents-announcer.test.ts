import { setTimeout as delay } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DOCUMENTS_CHANNEL } from "../src/db/queries/document.queries.js";
import { DocumentsAnnouncer } from "../src/intake/documents.announcer.js";
import { createTestDatabase, type TestDatabase, testBackends } from "./helpers/database.js";
import { testLog } from "./helpers/server.js";
import { waitFor } from "./helpers/wait.js";

describe.each(testBackends())("announcing stored documents on $name", (backend) => {
  let test: TestDatabase;
  const heard: number[] = [];
  let stopListening: () => Promise<void>;
  beforeAll(async () => {
    test = await createTestDatabase(backend);
    stopListening = await test.database.listen(DOCUMENTS_CHANNEL, () => heard.push(performance.now()));
  });
  afterAll(async () => {
    await stopListening();
    await test.drop();
  });

  it("wakes the workers at once, and folds what is asked for within the interval into one more", async () => {
    const interval = 1_000;
    const announcer = new DocumentsAnnouncer(test.database.db, testLog, interval);
    heard.length = 0;
    const started = performance.now();
    for (let i = 0; i < 20; i++) announcer.announce();
    await waitFor(() => (heard.length >= 1 ? heard : undefined), "the first announcement");
    // Intake commits keep coming during the interval: none of them is sent on its own.
    for (let i = 0; i < 20; i++) {
      announcer.announce();
      await delay(5);
    }
    await waitFor(() => (heard.length >= 2 ? heard : undefined), "the folded announcement");
    await delay(interval + 100);
    expect(heard).toHaveLength(2);
    expect((heard[0] as number) - started).toBeLessThan(interval);
    // Node's timers round to the millisecond, so one may fire a fraction of one early.
    expect((heard[1] as number) - started).toBeGreaterThanOrEqual(interval - 1);
  });
});
