import { afterEach, describe, expect, it } from "vitest";
import { createMemoryEventBus } from "../events/memory-event-bus.js";
import { type ReportProcessedPayload, Topic } from "../events/topics.js";
import { createLogger } from "../log.js";
import { PageCache, type PageEntry } from "./page-cache.js";
import type { PageTopics } from "./render.contract.js";

const log = createLogger({ logLevel: "silent", logFormat: "json" });
/** Lets the cache's event loops and pending renders run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

const report = (dist: string, author: string | null): ReportProcessedPayload => ({
  id: 1,
  guid: "00000000-0000-4000-8000-000000000001",
  dist,
  version: "1.0",
  author,
  grade: "fail",
  osname: "linux",
  perl: "5.40.1",
  perlSeries: "5.40",
});

/** A renderer whose pages say how many times each address was rendered. */
function renderer(topics: (url: string) => PageTopics | undefined, maxAge = 5) {
  const renders = new Map<string, number>();
  const render = async (url: string): Promise<PageEntry<string>> => {
    const count = (renders.get(url) ?? 0) + 1;
    renders.set(url, count);
    await settle();
    const invalidatedBy = topics(url);
    return {
      page: { status: 200, html: "", maxAge, immutable: false, ...(invalidatedBy ? { invalidatedBy } : {}) },
      body: `${url} #${count}`,
    };
  };
  return { render, renders };
}

describe("the page cache", () => {
  const caches: PageCache<string>[] = [];
  afterEach(() => {
    for (const cache of caches.splice(0)) cache.close();
  });
  const cacheOf = (render: (url: string) => Promise<PageEntry<string>>, events = createMemoryEventBus()) => {
    const cache = new PageCache(render, { size: (entry) => entry.body.length, events, log });
    caches.push(cache);
    return { cache, events };
  };

  it("renders a page once for readers who ask at the same time, then serves the copy", async () => {
    const { render, renders } = renderer(() => ({ dist: "Foo" }));
    const { cache } = cacheOf(render);
    const bodies = await Promise.all([cache.get("/dist/Foo"), cache.get("/dist/Foo"), cache.get("/dist/Foo")]);
    expect(bodies.map((entry) => entry.body)).toEqual(["/dist/Foo #1", "/dist/Foo #1", "/dist/Foo #1"]);
    expect((await cache.get("/dist/Foo")).body).toBe("/dist/Foo #1");
    expect(renders.get("/dist/Foo")).toBe(1);
  });

  it("keeps a page until a report of its distribution or author is counted, then serves it while rendering it again", async () => {
    const topics: Record<string, PageTopics> = { "/dist/Foo": { dist: "Foo" }, "/author/ANN": { author: "ANN" } };
    const { render, renders } = renderer((url) => topics[url]);
    const { cache, events } = cacheOf(render);
    await cache.get("/dist/Foo");
    await cache.get("/author/ANN");
    await cache.get("/dist/Bar");

    events.emit(Topic.reportProcessed, report("Other", "BOB"));
    await settle();
    expect((await cache.get("/dist/Foo")).body).toBe("/dist/Foo #1");

    events.emit(Topic.reportProcessed, report("Foo", "ann"));
    await settle();
    // The reader who finds the copy stale gets it at once; the render it started makes the next copy.
    expect((await cache.get("/dist/Foo")).body).toBe("/dist/Foo #1");
    expect((await cache.get("/author/ANN")).body).toBe("/author/ANN #1");
    await settle();
    await settle();
    expect((await cache.get("/dist/Foo")).body).toBe("/dist/Foo #2");
    expect((await cache.get("/author/ANN")).body).toBe("/author/ANN #2");
    // A page that names no topic keeps its max-age, whatever happens.
    expect((await cache.get("/dist/Bar")).body).toBe("/dist/Bar #1");
    expect(renders.get("/dist/Bar")).toBe(1);

    events.emit(Topic.uploadAdded, {
      dist: "Foo",
      version: "1.1",
      author: "ANN",
      filename: "Foo-1.1.tar.gz",
      releasedAt: "2026-12-01T00:00:00.000Z",
      maturity: "stable",
    });
    await settle();
    await cache.get("/dist/Foo");
    await settle();
    await settle();
    expect(renders.get("/dist/Foo")).toBe(3);
  });

  it("keeps no error page, and follows max-age alone without events", async () => {
    let status = 500;
    const { cache } = cacheOf(async (url) => ({
      page: { status, html: "", maxAge: 5, immutable: false, invalidatedBy: { dist: "Foo" } },
      body: `${url} ${status}`,
    }));
    expect((await cache.get("/dist/Foo")).body).toBe("/dist/Foo 500");
    status = 200;
    expect((await cache.get("/dist/Foo")).body).toBe("/dist/Foo 200");

    const { render, renders } = renderer(() => ({ dist: "Foo" }), 0.05);
    const alone = new PageCache(render, { size: () => 1, log });
    caches.push(alone);
    await alone.get("/dist/Foo");
    await new Promise((resolve) => setTimeout(resolve, 80));
    // Past its max-age: the stale copy once more, while it is rendered again.
    expect((await alone.get("/dist/Foo")).body).toBe("/dist/Foo #1");
    await settle();
    await settle();
    expect((await alone.get("/dist/Foo")).body).toBe("/dist/Foo #2");
    expect(renders.get("/dist/Foo")).toBe(2);
  });
});
