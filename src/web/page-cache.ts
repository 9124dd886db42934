import { LRUCache } from "lru-cache";
import { type EventBus, Topic } from "../events/index.js";
import type { Logger } from "../log.js";
import type { PageTopics, RenderedPage } from "./render.contract.js";

/** Pages kept in memory at most (the cache also stops at PAGE_CACHE_BYTES). */
const PAGE_CACHE_ENTRIES = 2_000;
const PAGE_CACHE_BYTES = 64 * 1024 ** 2;
/**
 * How long a page that names its topics is kept while no event says it changed. Events cover the
 * reports, counts and uploads such a page shows; this bounds what they do not (a tester renaming
 * themselves), and every page when the event bus does not deliver (Redis away).
 */
export const TOPIC_PAGE_TTL_MS = 5 * 60_000;

export interface PageEntry<Body> {
  page: RenderedPage;
  body: Body;
}

interface Held<Body> extends PageEntry<Body> {
  /** When the copy stops being fresh (ms since the epoch); a stale copy is served while it is rendered again. */
  freshUntil: number;
  keys: string[];
}

const topicKeys = (topics: PageTopics | undefined): string[] =>
  topics
    ? [
        ...(topics.dist ? [`dist\u0000${topics.dist}`] : []),
        ...(topics.author ? [`author\u0000${topics.author.toUpperCase()}`] : []),
      ]
    : [];

/**
 * The server's copies of rendered pages. A copy is fresh for its page's max-age or, for a page
 * that names the distribution or author it shows, until an event says that changed (a report
 * counted, a release's counts rewritten, an upload). A copy past that is not dropped: the next
 * request is answered with it while one render makes the new copy (stale while revalidate), so a
 * popular page never makes its readers wait for a render, and costs one render per change.
 */
export class PageCache<Body> {
  private readonly held: LRUCache<string, Held<Body>>;
  /** Addresses of the fresh copies that each topic key would make stale. */
  private readonly byTopic = new Map<string, Set<string>>();
  private readonly rendering = new Map<string, Promise<PageEntry<Body>>>();
  private readonly subscriptions: AsyncIterableIterator<unknown>[] = [];
  private following: boolean;

  constructor(
    private readonly render: (url: string) => Promise<PageEntry<Body>>,
    private readonly options: { size: (entry: PageEntry<Body>) => number; events?: EventBus; log: Logger },
  ) {
    this.held = new LRUCache<string, Held<Body>>({
      max: PAGE_CACHE_ENTRIES,
      maxSize: PAGE_CACHE_BYTES,
      sizeCalculation: (entry) => Math.max(1, options.size(entry)),
      dispose: (entry, url) => this.unindex(url, entry.keys),
    });
    this.following = !!options.events;
    if (options.events) {
      const events = options.events;
      this.follow(events.on(Topic.reportProcessed), (e) => [`dist\u0000${e.dist}`, ...authorKey(e.author)]);
      this.follow(events.on(Topic.releaseUpdated), (e) => [`dist\u0000${e.dist}`]);
      this.follow(events.on(Topic.uploadAdded), (e) => [`dist\u0000${e.dist}`, ...authorKey(e.author)]);
    }
  }

  /** The page at `url`: the held copy (fresh, or stale while it is rendered again), else a render. */
  async get(url: string): Promise<PageEntry<Body>> {
    const held = this.held.get(url);
    if (held && held.freshUntil > Date.now()) return held;
    const pending = this.renderOnce(url);
    return held ?? pending;
  }

  /** Stops following events. */
  close(): void {
    for (const subscription of this.subscriptions) void subscription.return?.();
  }

  private renderOnce(url: string): Promise<PageEntry<Body>> {
    // Requests for a page that is being rendered wait for that render instead of starting another.
    let pending = this.rendering.get(url);
    if (!pending) {
      pending = this.render(url)
        .then((entry) => {
          this.keep(url, entry);
          return entry;
        })
        .finally(() => this.rendering.delete(url));
      this.rendering.set(url, pending);
    }
    return pending;
  }

  private keep(url: string, entry: PageEntry<Body>): void {
    const { page } = entry;
    if (page.status !== 200 || page.maxAge <= 0) return;
    const keys = topicKeys(page.invalidatedBy);
    const followed = keys.length > 0 && this.delivering();
    const freshMs = followed ? TOPIC_PAGE_TTL_MS : page.maxAge * 1000;
    // Held for a while after it turns stale, so that the next reader gets it while it is rendered again.
    this.held.set(url, { ...entry, freshUntil: Date.now() + freshMs, keys }, { ttl: freshMs + 60_000 });
    if (!followed) return;
    for (const key of keys) {
      let urls = this.byTopic.get(key);
      if (!urls) this.byTopic.set(key, (urls = new Set()));
      urls.add(url);
    }
  }

  private delivering(): boolean {
    const events = this.options.events;
    return (
      this.following && !!events && events.delivers(Topic.reportProcessed) && events.delivers(Topic.releaseUpdated)
    );
  }

  private stale(key: string): void {
    const urls = this.byTopic.get(key);
    if (!urls) return;
    this.byTopic.delete(key);
    for (const url of urls) {
      const held = this.held.get(url, { updateAgeOnGet: false });
      if (held) held.freshUntil = 0;
    }
  }

  private unindex(url: string, keys: string[]): void {
    for (const key of keys) {
      const urls = this.byTopic.get(key);
      urls?.delete(url);
      if (urls?.size === 0) this.byTopic.delete(key);
    }
  }

  private follow<T>(subscription: AsyncIterableIterator<T>, keysOf: (event: T) => string[]): void {
    this.subscriptions.push(subscription);
    void (async () => {
      for await (const event of subscription) for (const key of keysOf(event)) this.stale(key);
    })().catch((error: unknown) => {
      // A subscription that fell behind leaves copies that may be out of date: drop them all.
      this.options.log.warn({ err: error }, "the page cache stopped following events; its copies are dropped");
      this.following = false;
      this.held.clear();
      this.byTopic.clear();
    });
  }
}

const authorKey = (author: string | null) => (author ? [`author\u0000${author.toUpperCase()}`] : []);
