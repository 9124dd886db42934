import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import { createClient } from "redis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { releases } from "../src/db/schema/index.js";
import { seedCatalogue } from "./factories/catalogue.js";
import { testBackends } from "./helpers/database.js";
import { startTestPlatform, type TestPlatform } from "./helpers/server.js";

const releaseQuery = `{ release(dist: "Foo-Bar", version: "1.0") { allPerls { fail } } }`;

describe.each(testBackends())("caching on $name", (backend) => {
  let platform: TestPlatform;
  let statements = 0;
  beforeAll(async () => {
    platform = await startTestPlatform(backend, {
      api: { responseCache: true },
      // No ETL worker: its polls would land in the statement count.
      etl: false,
      logger: { logQuery: () => void statements++ },
    });
    await seedCatalogue(platform.database.db);
  });
  afterAll(() => platform.stop());

  /** A GET query as a CDN or a browser would send it (the header passes Apollo's CSRF check). */
  const get = async (query: string, extensions?: unknown) => {
    const params = new URLSearchParams({ query });
    if (extensions) {
      params.delete("query");
      params.set("extensions", JSON.stringify(extensions));
    }
    const response = await fetch(`${platform.url}/graphql?${params.toString()}`, {
      headers: { "apollo-require-preflight": "1" },
    });
    return { response, body: (await response.json()) as { data?: unknown; errors?: unknown[]; extensions?: unknown } };
  };

  it("sends Cache-Control from the shortest hint of what the response holds", async () => {
    const release = await get(releaseQuery);
    expect(release.response.headers.get("cache-control")).toBe("max-age=5, public");
    const report = await get(`{ report(reportId: 1) { grade details { text } } }`);
    expect(report.response.headers.get("cache-control")).toBe("max-age=86400, public");
    const reportWithCounts = await get(`{ report(reportId: 1) { grade release { allPerls { pass } } } }`);
    expect(reportWithCounts.response.headers.get("cache-control")).toBe("max-age=5, public");
    const statistics = await get(`{ statistics { reportsPerMonth(from: "2026-01-01", to: "2026-01-01") { total } } }`);
    expect(statistics.response.headers.get("cache-control")).toBe("max-age=60, public");
    const uploads = await get(`{ uploads(first: 2) { nodes { dist } pageInfo { endCursor } } }`);
    expect(uploads.response.headers.get("cache-control")).toBe("max-age=60, public");
    const feed = await get(`{ reports(first: 2) { nodes { reportId } } }`);
    expect(feed.response.headers.get("cache-control")).toBe("max-age=5, public");
    const serverInfo = await get(`{ serverInfo { uptimeSeconds } }`);
    expect(serverInfo.response.headers.get("cache-control")).toBe("no-store");
  });

  it("serves a repeated query from the response cache, never older than its max-age", async () => {
    const query = `{ release(dist: "Foo-Bar", version: "1.0") { allPerls { fail } updatedAt } }`;
    const first = await get(query);
    expect(first.body.data).toEqual({ release: { allPerls: { fail: 3 }, updatedAt: "2026-01-12T08:00:01.000Z" } });
    const cachedAt = Date.now();

    await platform.database.db.update(releases).set({ fail: 4 }).where(eq(releases.dist, "Foo-Bar"));
    statements = 0;
    const cached = await get(query);
    expect(statements).toBe(0);
    expect(cached.body).toEqual({ ...first.body });
    expect(cached.response.headers.get("age")).toMatch(/^\d+$/);
    expect(cached.response.headers.get("cache-control")).toBe("max-age=5, public");

    if (backend.redisUrl) {
      const redis = createClient({ url: backend.redisUrl });
      await redis.connect();
      try {
        // The entry lives in Redis, with the hint of the release as its time to live.
        const keys = await redis.keys(`${platform.channelPrefix}cache:fqc:*`);
        const ttls = await Promise.all(keys.map((key) => redis.pTTL(key)));
        expect(ttls.filter((ttl) => ttl > 0 && ttl <= 5_000).length).toBeGreaterThan(0);
      } finally {
        await redis.close();
      }
    }

    // Once its five seconds are up, the entry is gone and the change shows.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, cachedAt + 5_100 - Date.now())));
    const fresh = await get(query);
    expect(fresh.body.data).toEqual({ release: { allPerls: { fail: 4 }, updatedAt: "2026-01-12T08:00:01.000Z" } });
    expect(fresh.response.headers.get("age")).toBeNull();
  });

  it("refreshes an entry served near the end of its max-age, so a popular read never waits for it", async () => {
    const query = `{ release(dist: "Foo-Bar", version: "1.0") { allPerls { fail } stablePerls { fail } } }`;
    const fails = (body: { data?: unknown }) =>
      (body.data as { release: { allPerls: { fail: number } } }).release.allPerls.fail;
    const first = await get(query);
    const cachedAt = Date.now();
    const before = fails(first.body);
    await platform.database.db
      .update(releases)
      .set({ fail: before + 10 })
      .where(eq(releases.dist, "Foo-Bar"));

    // In the last second of its five, a hit still serves the entry it has, and starts a refresh.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, cachedAt + 4_100 - Date.now())));
    const late = await get(query);
    expect(fails(late.body)).toBe(before);
    expect(late.response.headers.get("age")).toBe("4");

    // Before the old entry would have expired, the new one is served from the cache, fresh.
    let refreshed = late;
    while (Date.now() < cachedAt + 4_900 && refreshed.response.headers.get("age") !== "0") {
      await new Promise((resolve) => setTimeout(resolve, 50));
      refreshed = await get(query);
    }
    expect(refreshed.response.headers.get("age")).toBe("0");
    expect(fails(refreshed.body)).toBe(before + 10);
  });

  it("keeps the cost in the extensions of a cached response", async () => {
    const query = `{ reports(first: 2) { nodes { reportId } } }`;
    const first = await get(query);
    statements = 0;
    const cached = await get(query);
    expect(statements).toBe(0);
    expect(cached.body).toEqual(first.body);
    expect(cached.body.extensions).toEqual({ cost: { requested: 1, limit: 1000, nodes: 2 } });
  });

  it("supports automatic persisted queries", async () => {
    const query = `{ upload(dist: "Foo-Bar", version: "1.0") { filename } }`;
    const persistedQuery = { version: 1, sha256Hash: createHash("sha256").update(query).digest("hex") };
    const unknown = await get(query, { persistedQuery });
    expect(unknown.body.errors).toEqual([
      expect.objectContaining({
        message: "PersistedQueryNotFound",
        extensions: expect.objectContaining({ code: "PERSISTED_QUERY_NOT_FOUND" }) as unknown,
      }),
    ]);
    const registered = await fetch(`${platform.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query, extensions: { persistedQuery } }),
    });
    expect(((await registered.json()) as { data: unknown }).data).toEqual({
      upload: { filename: "Foo-Bar-1.0.tar.gz" },
    });
    const byHash = await get(query, { persistedQuery });
    expect(byHash.body.data).toEqual({ upload: { filename: "Foo-Bar-1.0.tar.gz" } });
    expect(byHash.response.headers.get("cache-control")).toBe("max-age=60, public");
  });
});
