import type { LoadRequest } from "../harness/load.types.js";
import { measureHttp } from "../harness/measure.js";
import type { RunningChild } from "../harness/process.js";
import type { Figure, ResultRow } from "../harness/results.js";
import type { ReadParams } from "../reads/read.types.js";
import type { Scenario } from "../scenario.js";

/** Pages each kind cycles through (a distribution's version, a report, an author). */
const PAGES = 50;
/** What the pages should answer within at 16 connections. */
const TARGET_P99_MS = 50;

interface PageKind {
  name: string;
  paths: string[];
}

export const scenario: Scenario = {
  name: "web",
  summary:
    "Server-rendered web pages (a distribution's version, an author's dashboard, a report), " +
    "with the page cache (RESPONSE_CACHE) off and on, beside the bare Fastify route of the release-matrix read " +
    `(one query, JSON, no rendering). Target: p99 under ${TARGET_P99_MS} ms.`,
  order: 15,
  async run(context) {
    const uncached = await context.server("graphql-uncached");
    const releases = (context.readParams.get("release-matrix") ?? []).slice(0, PAGES);
    const authors = (context.readParams.get("author-dashboard") ?? []).slice(0, PAGES);
    if (releases.length === 0) throw new Error("no releases were sampled: is the database empty?");
    if (authors.length === 0) throw new Error("no authors were sampled: is the database empty?");
    const kinds: PageKind[] = [
      { name: "dist page", paths: releases.map(({ dist, version }) => `/dist/${dist}/${version}`) },
      { name: "author page", paths: authors.map(({ author }) => `/author/${author}`) },
      { name: "report page", paths: (await reportGuids(uncached, releases)).map((guid) => `/report/${guid}`) },
    ];
    for (const kind of kinds) await checkPages(uncached, kind);

    const bare = await context.server("baseline");
    context.say("  web: bare release-matrix route");
    const baseline = await measure(context, bare, "bare Fastify route (JSON)", releasesAsBareReads(releases));
    const rows: ResultRow[] = [];
    for (const [target, suffix] of [
      ["graphql-uncached", ""],
      ["graphql", ", response cache on"],
    ] as const) {
      const server = await context.server(target);
      for (const kind of kinds) {
        // With the cache, each page is rendered once before the window, as a popular page is in
        // production: the case measures serving the copy. Renders after a change are served stale
        // (src/web/page-cache.ts), so they never make a reader wait; the uncached case measures them.
        if (target === "graphql") for (const path of kind.paths) await fetchPage(server, path);
        context.say(`  web: ${kind.name}${suffix}`);
        const figure = await measure(
          context,
          server,
          target === "graphql" ? "platform (page cache on)" : "platform, page cache off",
          kind.paths.map((path) => ({ method: "GET", path, headers: { accept: "text/html" } })),
        );
        const verdict = versusTarget(figure);
        context.say(`    ${verdict}`);
        rows.push({ case: `web: ${kind.name}${suffix}`, subject: figure, baselines: [baseline], note: verdict });
      }
    }
    return { rows, notes: [] };
  },
};

async function measure(
  context: Parameters<Scenario["run"]>[0],
  server: RunningChild,
  contender: string,
  requests: LoadRequest[],
): Promise<Figure> {
  return (await measureHttp(context.load, server, contender, requests, context.options)).figure;
}

/** The case's p99 beside the target, as the report prints it. */
function versusTarget(figure: Figure): string {
  const p99 = figure.p99Ms;
  if (p99 === undefined) return `p99 not measured (target ${TARGET_P99_MS} ms)`;
  return `p99 ${p99.toFixed(1)} ms vs target ${TARGET_P99_MS} ms: ${p99 <= TARGET_P99_MS ? "met" : "missed"}`;
}

function releasesAsBareReads(releases: ReadParams[]): LoadRequest[] {
  return releases.map((p) => ({ method: "GET", path: `/read/release-matrix?${new URLSearchParams(p).toString()}` }));
}

/** A report of each sampled release (through the API, as any client finds one). */
async function reportGuids(server: RunningChild, releases: ReadParams[]): Promise<string[]> {
  const guids: string[] = [];
  for (const { dist, version } of releases) {
    const response = await fetch(`${server.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        query:
          "query ($dist: String!, $version: String!) { release(dist: $dist, version: $version) { reports(first: 1) { nodes { guid } } } }",
        variables: { dist, version },
      }),
    });
    const body = (await response.json()) as { data?: { release: { reports: { nodes: { guid: string }[] } } | null } };
    const guid = body.data?.release?.reports.nodes[0]?.guid;
    if (guid) guids.push(guid);
  }
  if (guids.length === 0) throw new Error("no report was found for the sampled releases");
  return guids;
}

async function fetchPage(server: RunningChild, path: string): Promise<void> {
  await (await fetch(server.url + path, { headers: { accept: "text/html" } })).arrayBuffer();
}

/** Every page must render (200, HTML) before it is measured: a 404 or 500 page would measure nothing. */
async function checkPages(server: RunningChild, kind: PageKind): Promise<void> {
  for (const path of kind.paths.slice(0, 3)) {
    const response = await fetch(server.url + path, { headers: { accept: "text/html" } });
    const body = await response.text();
    if (response.status !== 200 || !body.includes('<div id="app">')) {
      throw new Error(`${kind.name} ${path} answered ${response.status}: ${body.slice(0, 300)}`);
    }
  }
}
