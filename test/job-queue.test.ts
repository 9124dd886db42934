import { describe, expect, it } from "vitest";
import { ACCOUNT_DEFAULTS } from "../src/config.js";
import { type Database, openDatabase } from "../src/db/client.js";
import { createMemoryEventBus } from "../src/events/memory-event-bus.js";
import { createAccounts } from "../src/notify/accounts.js";
import { createTestDatabase, testBackends } from "./helpers/database.js";
import { testLog } from "./helpers/server.js";

const REPLICAS = 4;

describe.each(testBackends())("the job queue ($name)", (backend) => {
  it("installs itself once when replicas start together on a fresh database", async () => {
    const test = await createTestDatabase(backend);
    // Each replica has its own connections, as separate processes would (PGlite has one process).
    const handles: Database[] = [];
    for (let i = 0; i < REPLICAS; i += 1) {
      handles.push(test.url ? await openDatabase({ url: test.url, poolSize: 2 }) : test.database);
    }
    const replicas = handles.map((database) =>
      createAccounts(
        { ...ACCOUNT_DEFAULTS, smtpUrl: undefined, publicBaseUrl: "https://testers.example", notifyInProcess: false },
        { database, events: createMemoryEventBus(), log: testLog, limiter: undefined, windowSeconds: 60 },
      ),
    );
    try {
      const started = await Promise.allSettled(replicas.map((replica) => replica.start()));
      expect(started.flatMap((result) => (result.status === "rejected" ? [String(result.reason)] : []))).toEqual([]);
      const queues = await test.database.query<{ name: string }>(
        "select name from pgboss.queue where name like 'mail-%' order by name",
        [],
      );
      expect(queues.map((queue) => queue.name)).toEqual(["mail-deliver", "mail-digests", "mail-sweep"]);
    } finally {
      await Promise.all(replicas.map((replica) => replica.stop()));
      for (const handle of handles) if (handle !== test.database) await handle.close();
      await test.drop();
    }
  });
});
