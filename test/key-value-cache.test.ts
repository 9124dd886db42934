import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createSharedCache } from "../src/server/key-value-cache.js";
import { testBackends } from "./helpers/database.js";
import { testLog } from "./helpers/server.js";

describe.each(testBackends())("shared cache on $name", (backend) => {
  it("keeps an entry for its time to live, to the millisecond", async () => {
    const shared = await createSharedCache(backend.redisUrl, testLog, `test-${randomBytes(4).toString("hex")}:`);
    try {
      expect(shared.kind).toBe(backend.redisUrl ? "redis" : "memory");
      await shared.cache.set("short", "value", { ttl: 0.3 });
      await shared.cache.set("kept", "forever");
      expect(await shared.cache.get("short")).toBe("value");
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect(await shared.cache.get("short")).toBeUndefined();
      expect(await shared.cache.get("kept")).toBe("forever");
      await shared.cache.delete("kept");
      expect(await shared.cache.get("kept")).toBeUndefined();
    } finally {
      await shared.close();
    }
  });
});

describe.each(testBackends().filter((backend) => backend.redisUrl))("shared cache on $name", (backend) => {
  it("answers a miss, not an error, when Redis is gone", async () => {
    const shared = await createSharedCache(backend.redisUrl, testLog, `test-${randomBytes(4).toString("hex")}:`);
    await shared.close();
    expect(await shared.cache.get("anything")).toBeUndefined();
    await expect(shared.cache.set("anything", "value", { ttl: 5 })).resolves.toBeUndefined();
  });
});
