import { executeExchange } from "@urql/exchange-execute";
import { renderToString } from "react-dom/server";
import { cacheExchange, Client, ssrExchange } from "urql";
import type {
  CreateSiteRenderer,
  RenderedPage,
  SiteRendererOptions,
  ViteManifestChunk,
} from "../src/web/render.contract";
import { App } from "./app/App";
import { type PageContext, type PageHead, type Prepared } from "./app/page";
import { PAGE_DATA_ID, serialisePageData } from "./app/page-data";
import { loadPage, matchRoute, notFoundRoute, pageSource, type RouteKey, routes } from "./app/routes";

const ENTRY = "entry-client.tsx";

/** The chunks (and their CSS) a page needs on first load: the entry's and the page's, with their imports. */
function assetsOf(manifest: Record<string, ViteManifestChunk>, pageSource: string) {
  const scripts = new Set<string>();
  const styles = new Set<string>();
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (!chunk || scripts.has(chunk.file)) return;
    scripts.add(chunk.file);
    for (const css of chunk.css ?? []) styles.add(css);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  visit(ENTRY);
  visit(pageSource);
  const entry = manifest[ENTRY]?.file;
  return { entry, preload: [...scripts].filter((file) => file !== entry), styles: [...styles] };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export const createSiteRenderer: CreateSiteRenderer = (options: SiteRendererOptions) => {
  const assets = new Map<RouteKey, ReturnType<typeof assetsOf>>();
  const assetsFor = (key: RouteKey) => {
    let found = assets.get(key);
    if (!found) assets.set(key, (found = assetsOf(options.manifest, pageSource(key))));
    return found;
  };

  function document(key: RouteKey, head: PageHead, body: string, data: string): string {
    const { entry, preload, styles } = assetsFor(key);
    return [
      "<!doctype html>",
      '<html lang="en"><head><meta charset="utf-8">',
      '<meta name="viewport" content="width=device-width, initial-scale=1">',
      '<meta name="color-scheme" content="light dark">',
      `<title>${escapeHtml(head.title)}</title>`,
      `<meta name="description" content="${escapeHtml(head.description)}">`,
      head.feed
        ? `<link rel="alternate" type="application/atom+xml" title="${escapeHtml(head.feed.title)}" href="${escapeHtml(head.feed.href)}">`
        : "",
      '<link rel="icon" href="data:,">',
      ...styles.map((file) => `<link rel="stylesheet" href="/${file}">`),
      ...preload.map((file) => `<link rel="modulepreload" href="/${file}">`),
      entry ? `<script type="module" src="/${entry}"></script>` : "",
      `</head><body><div id="app">${body}</div>`,
      `<script id="${PAGE_DATA_ID}" type="application/json">${data}</script>`,
      "</body></html>",
    ].join("");
  }

  async function renderRoute(
    key: RouteKey,
    context: PageContext,
  ): Promise<{ prepared: Prepared; html: string } | { notFound: string }> {
    const page = await loadPage(key);
    if (!page.usesClock) context = { ...context, now: "" };
    const ssr = ssrExchange({ isClient: false });
    const client = new Client({
      url: "/graphql",
      exchanges: [cacheExchange, ssr, executeExchange({ schema: options.schema, context: () => options.context() })],
    });
    const prepared = await page.prepare(client, context);
    if ("notFound" in prepared) return prepared;
    const body = renderToString(<App client={client} Page={page.Page} context={context} />);
    const data = serialisePageData({ route: key, ...context, results: ssr.extractData() });
    return { prepared, html: document(key, prepared.head, body, data) };
  }

  return {
    paths: Object.values(routes).map((route) => route.path),
    async preload() {
      const keys = [...(Object.keys(routes) as RouteKey[]), "notFound" as const];
      await Promise.all(keys.map((key) => loadPage(key)));
    },
    async render(url: string): Promise<RenderedPage> {
      const parsed = new URL(url, "http://localhost");
      const now = new Date().toISOString();
      const search = parsed.search.replace(/^\?/, "");
      const match = matchRoute(parsed.pathname);
      let missing = parsed.pathname.split("/").filter(Boolean).pop() ?? "";
      if (match) {
        const rendered = await renderRoute(match.key, { params: match.params, search, now });
        if (!("notFound" in rendered)) {
          const { prepared } = rendered;
          if ("notFound" in prepared) throw new Error("unreachable");
          return {
            status: 200,
            html: rendered.html,
            maxAge: prepared.maxAge,
            immutable: prepared.immutable ?? false,
            ...(prepared.invalidatedBy ? { invalidatedBy: prepared.invalidatedBy } : {}),
          };
        }
        missing = rendered.notFound;
      }
      const rendered = await renderRoute("notFound", { params: { missing }, search: "", now });
      if ("notFound" in rendered) throw new Error(`the ${notFoundRoute.path} page must render`);
      return { status: 404, html: rendered.html, maxAge: 0, immutable: false };
    },
  };
};
