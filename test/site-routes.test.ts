import { XMLParser, XMLValidator } from "fast-xml-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SeededReport } from "./factories/read-model.factory.js";
import { seedWebData } from "./factories/web-data.js";
import { testBackends } from "./helpers/database.js";
import { startTestPlatform, type TestPlatform } from "./helpers/server.js";

const ATOM_NS = "http://www.w3.org/2005/Atom";

interface AtomLink {
  "@_href": string;
  "@_rel"?: string;
  "@_type"?: string;
}
/** A text construct: the text alone, or with its `type` attribute. */
type AtomText = string | { "#text": string; "@_type"?: string };
const text = (value: AtomText) => (typeof value === "string" ? value : value["#text"]);

interface AtomEntry {
  id: string;
  title: AtomText;
  updated: string;
  link: AtomLink | AtomLink[];
  author?: { name: string };
  summary?: string;
}
interface AtomDocument {
  feed: {
    "@_xmlns": string;
    id: string;
    title: AtomText;
    updated: string;
    author?: { name: string };
    link: AtomLink | AtomLink[];
    entry?: AtomEntry[];
  };
}

const links = (link: AtomLink | AtomLink[]) => (Array.isArray(link) ? link : [link]);

/**
 * Parses an Atom document and checks what RFC 4287 requires of it: the namespace; a feed id,
 * title, updated and an author (or one in every entry); each entry with id, title, updated and a
 * link; times in RFC 3339.
 */
function parseAtom(xml: string): AtomDocument["feed"] {
  expect(XMLValidator.validate(xml)).toBe(true);
  const parser = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === "entry" });
  const { feed } = parser.parse(xml) as AtomDocument;
  expect(feed["@_xmlns"]).toBe(ATOM_NS);
  expect(feed.id).toBeTruthy();
  expect(text(feed.title)).toBeTruthy();
  expect(feed.updated).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
  for (const entry of feed.entry ?? []) {
    expect(entry.id).toMatch(/^urn:uuid:/);
    expect(text(entry.title)).toBeTruthy();
    expect(entry.updated).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
    expect(links(entry.link).length).toBeGreaterThan(0);
    expect(entry.author ?? feed.author).toBeTruthy();
  }
  return feed;
}

describe.each(testBackends())("site routes on $name", (backend) => {
  let platform: TestPlatform;
  let seeded: SeededReport[];
  beforeAll(async () => {
    platform = await startTestPlatform(backend);
    seeded = await seedWebData(platform.database.db);
  });
  afterAll(() => platform.stop());

  const get = (path: string, headers: Record<string, string> = {}, method = "GET") =>
    fetch(`${platform.url}${path}`, { method, headers, redirect: "manual" });
  const guidOf = (id: number) => seeded.find((report) => report.id === id)!.guid;

  describe("Atom feeds", () => {
    it("gives an author's new failures, newest first, each linking to its report", async () => {
      const response = await get("/author/zed/feed.atom");
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("application/atom+xml; charset=utf-8");
      expect(response.headers.get("cache-control")).toBe("public, max-age=60");
      expect(response.headers.get("etag")).toMatch(/^W\/"/);
      const feed = parseAtom(await response.text());
      expect(feed.id).toBe(`${platform.url}/author/ZED/feed.atom`);
      expect(links(feed.link)).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ "@_rel": "self", "@_href": `${platform.url}/author/ZED/feed.atom` }),
          expect.objectContaining({ "@_href": `${platform.url}/author/ZED` }),
        ]),
      );
      // FAIL reports of the latest releases only: 4 and 3 of Zed-Alpha 1.0, not 7 (of 0.9).
      const entries = feed.entry ?? [];
      expect(entries.map((entry) => entry.id)).toEqual([`urn:uuid:${guidOf(4)}`, `urn:uuid:${guidOf(3)}`]);
      expect(text(entries[0]!.title)).toBe("FAIL Zed-Alpha 1.0 on perl 5.38.0, darwin");
      expect(entries[0]!.updated).toBe("2026-01-04T22:30:00.000Z");
      expect(links(entries[1]!.link)[0]!["@_href"]).toBe(`${platform.url}/report/${guidOf(3)}`);
      expect(feed.updated).toBe("2026-01-04T22:30:00.000Z");
      // Testers' addresses stay out; their names may show.
      expect(JSON.stringify(feed)).not.toMatch(/@[a-z]+\.(org|example)/);
    });

    it("gives a distribution's newest reports of every release", async () => {
      const response = await get("/dist/Zed-Alpha/feed.atom");
      expect(response.status).toBe(200);
      const feed = parseAtom(await response.text());
      expect((feed.entry ?? []).map((entry) => entry.id)).toEqual(
        [7, 4, 3, 2, 1].map((id) => `urn:uuid:${guidOf(id)}`),
      );
      expect(text(feed.title)).toBe("CPAN Testers: Zed-Alpha");
    });

    it("answers 304 to a client holding the feed, HEAD without a body, and a new tag once a report arrives", async () => {
      const first = await get("/dist/Zed-Beta/feed.atom");
      const tag = first.headers.get("etag")!;
      await first.text();
      const again = await get("/dist/Zed-Beta/feed.atom", { "if-none-match": tag });
      expect(again.status).toBe(304);
      expect(await again.text()).toBe("");
      const head = await get("/dist/Zed-Beta/feed.atom", {}, "HEAD");
      expect({ status: head.status, etag: head.headers.get("etag"), body: await head.text() }).toEqual({
        status: 200,
        etag: tag,
        body: "",
      });
      // Another author's feed of the same reports has a tag of its own.
      const other = await get("/author/ZED/feed.atom", { "if-none-match": tag });
      expect(other.status).toBe(200);
      await other.text();
    });

    it("answers 404 for an author without uploads or a distribution without reports, with an empty feed for an author without failures", async () => {
      for (const path of ["/author/NOBODY/feed.atom", "/dist/No-Such-Dist/feed.atom", "/dist/Zed-Gamma/feed.atom"]) {
        const response = await get(path);
        expect(response.status, path).toBe(404);
        expect(await response.json()).toEqual({ errors: [{ message: expect.any(String) as unknown }] });
      }
      const quiet = await get("/author/ZEDD/feed.atom");
      expect(quiet.status).toBe(200);
      const feed = parseAtom(await quiet.text());
      expect(feed.entry).toBeUndefined();
      expect(feed.updated).toBe("1970-01-01T00:00:00.000Z");
    });

    it("answers a name holding U+0000 with 400", async () => {
      for (const path of ["/dist/a%00b/feed.atom", "/author/%00/feed.atom"]) {
        expect((await get(path)).status, path).toBe(400);
      }
    });
  });

  describe("old addresses", () => {
    const moved = async (path: string) => {
      const response = await get(path);
      await response.text();
      return { status: response.status, location: response.headers.get("location") };
    };

    it("moves the original site's pages for good to the pages that replace them", async () => {
      const guid = guidOf(3);
      const cases: [string, string][] = [
        [`/cpan/report/${guid}`, `/report/${guid}`],
        [`/cpan/report/${guid.toUpperCase()}`, `/report/${guid}`],
        ["/cpan/report/3", `/report/${guid}`],
        ["/show/Zed-Alpha.html", "/dist/Zed-Alpha"],
        ["/show/Zed-Alpha.rss", "/dist/Zed-Alpha/feed.atom"],
        ["/distro/Z/Zed-Alpha.html", "/dist/Zed-Alpha"],
        ["/author/Z/ZED", "/author/ZED"],
        ["/author/Z/zed.html", "/author/ZED"],
        ["/author/ZED.html", "/author/ZED"],
        ["/show/Name%20With%2FSlash.html", "/dist/Name%20With%2FSlash"],
      ];
      for (const [from, to] of cases) expect(await moved(from), from).toEqual({ status: 301, location: to });
    });

    it("leaves the feeds at the same places alone", async () => {
      expect((await moved("/author/ZED/feed.atom")).status).toBe(200);
      expect(await moved("/author/Z/ZED.json")).toEqual({ status: 301, location: "/author/ZED.json" });
      expect((await moved("/author/ZED.json")).status).toBe(200);
      expect((await moved("/distro/Z/Zed-Alpha.json")).status).toBe(200);
    });

    it("answers 404 for a report number or GUID that names nothing, and moves nothing else under an author", async () => {
      for (const path of [
        "/author/ZED/feed.rss",
        "/author/ZED/anything",
        "/cpan/report/999999",
        "/cpan/report/0",
        "/cpan/report/not-a-report",
        "/cpan/report/99999999999999999999",
      ]) {
        expect((await moved(path)).status, path).toBe(404);
      }
    });
  });
});
