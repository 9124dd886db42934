import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { brotliCompressSync, constants as zlib, gzipSync } from "node:zlib";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { GraphQLSchema } from "graphql";
import type { EventBus } from "../events/index.js";
import type { Logger } from "../log.js";
import { PageCache, type PageEntry } from "./page-cache.js";
import type { CreateSiteRenderer, RenderedPage, SiteRenderer } from "./render.contract.js";

/** The web app's build (npm run build): the browser bundle and the server-side renderer. */
export const WEB_BUILD_DIR = fileURLToPath(new URL("../../dist/web-app/", import.meta.url));

export interface SiteOptions {
  schema: GraphQLSchema;
  /** A fresh GraphQL context for one page. */
  context: () => unknown;
  /** Keep rendered pages for as long as each page allows (RESPONSE_CACHE). */
  pageCache: boolean;
  /** The events that make held copies of pages stale (page-cache.ts); without them, pages keep for their max-age. */
  events?: EventBus;
  log: Logger;
  /** Where the build is; WEB_BUILD_DIR unless a test builds elsewhere. */
  buildDir?: string;
}

/** One body in every encoding a browser may accept, each compressed once, when first asked for. */
interface Encoded {
  identity: Buffer;
  gzip(): Buffer;
  br: (() => Buffer) | undefined;
  etag: string;
}

function once(make: () => Buffer): () => Buffer {
  let made: Buffer | undefined;
  return () => (made ??= make());
}

type CachedPage = PageEntry<Encoded>;

/** Below this, compressing costs more than it saves. */
const MIN_COMPRESS_BYTES = 1024;
const YEAR = 365 * 86_400;

function encode(body: Buffer, brotli: boolean): Encoded {
  const etag = `"${createHash("sha1").update(body).digest("base64url").slice(0, 22)}"`;
  return {
    identity: body,
    gzip: once(() => gzipSync(body, { level: 6 })),
    br: brotli ? once(() => brotliCompressSync(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 9 } })) : undefined,
    etag,
  };
}

function send(request: FastifyRequest, reply: FastifyReply, body: Encoded): FastifyReply {
  reply.header("etag", body.etag).header("vary", "accept-encoding");
  if (request.headers["if-none-match"] === body.etag) return reply.code(304).send();
  const accepted = String(request.headers["accept-encoding"] ?? "");
  if (body.identity.length >= MIN_COMPRESS_BYTES) {
    if (body.br && /\bbr\b/.test(accepted)) return reply.header("content-encoding", "br").send(body.br());
    if (/\bgzip\b/.test(accepted)) return reply.header("content-encoding", "gzip").send(body.gzip());
  }
  return reply.send(body.identity);
}

const TYPES: Record<string, string> = {
  ".js": "application/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".woff2": "font/woff2",
};

/** The hashed files of the browser bundle, read and compressed once: they change only with a deploy. */
function readAssets(dir: string): Map<string, { type: string; body: Encoded }> {
  const assets = new Map<string, { type: string; body: Encoded }>();
  if (!existsSync(dir)) return assets;
  for (const name of readdirSync(dir)) {
    const type = TYPES[name.slice(name.lastIndexOf("."))] ?? "application/octet-stream";
    assets.set(name, { type, body: encode(readFileSync(join(dir, name)), true) });
  }
  return assets;
}

/**
 * The web app for people: every page server-rendered from the API's own operations (executed
 * in-process against the schema), then hydrated in the browser; and the bundle's assets.
 */
export async function registerSite(app: FastifyInstance, options: SiteOptions): Promise<void> {
  const buildDir = options.buildDir ?? WEB_BUILD_DIR;
  const entry = join(buildDir, "ssr", "entry-server.js");
  const manifestPath = join(buildDir, "client", ".vite", "manifest.json");
  if (!existsSync(entry) || !existsSync(manifestPath)) {
    options.log.warn({ buildDir }, "the web app is not built (npm run build): its pages answer 503");
    app.get("/", async (_request, reply) =>
      reply.code(503).type("text/plain; charset=utf-8").send("The web app is not built: run npm run build.\n"),
    );
    return;
  }
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as Parameters<CreateSiteRenderer>[0]["manifest"];
  const module = (await import(pathToFileURL(entry).href)) as { createSiteRenderer: CreateSiteRenderer };
  const renderer = module.createSiteRenderer({ schema: options.schema, context: options.context, manifest });
  await renderer.preload();
  const assets = readAssets(join(buildDir, "client", "assets"));

  app.get<{ Params: { "*": string } }>("/assets/*", async (request, reply) => {
    const asset = assets.get(request.params["*"]);
    if (!asset) return reply.code(404).type("text/plain; charset=utf-8").send("No such asset.\n");
    reply.type(asset.type).header("cache-control", `public, max-age=${YEAR}, immutable`);
    return send(request, reply, asset.body);
  });

  const render = renderPage(renderer, options.log);
  const cache = options.pageCache
    ? new PageCache(render, {
        // The gzipped copy, once made, is about a fifth more.
        size: (entry) => Math.ceil(entry.body.identity.length * 1.2),
        events: options.events,
        log: options.log,
      })
    : undefined;
  if (cache) app.addHook("onClose", async () => cache.close());
  const handler = pageHandler(cache ? (url) => cache.get(url) : render);
  for (const path of renderer.paths) app.get(path, handler);

  // Browsers asking for an address nothing serves get the 404 page; API clients keep Fastify's JSON.
  app.setNotFoundHandler(async (request, reply) => {
    if (request.method === "GET" && String(request.headers.accept ?? "").includes("text/html")) {
      return handler(request, reply);
    }
    return reply
      .code(404)
      .send({ message: `Route ${request.method}:${request.url} not found`, error: "Not Found", statusCode: 404 });
  });
}

function renderPage(renderer: SiteRenderer, log: Logger) {
  return async (url: string): Promise<CachedPage> => {
    let page: RenderedPage;
    try {
      page = await renderer.render(url);
    } catch (error) {
      log.error({ err: error, url }, "a page failed to render");
      page = { status: 500, html: ERROR_PAGE, maxAge: 0, immutable: false };
    }
    return { page, body: encode(Buffer.from(page.html), false) };
  };
}

function pageHandler(pageAt: (url: string) => Promise<CachedPage>) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const entry = await pageAt(request.url);
    const { page } = entry;
    reply
      .code(page.status)
      .type("text/html; charset=utf-8")
      .header(
        "cache-control",
        page.maxAge > 0 ? `public, max-age=${page.maxAge}${page.immutable ? ", immutable" : ""}` : "no-cache",
      );
    return send(request, reply, entry.body);
  };
}

const ERROR_PAGE =
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Error · CPAN Testers</title>' +
  '<meta name="viewport" content="width=device-width, initial-scale=1"></head><body style="font-family:system-ui,sans-serif;padding:2rem">' +
  "<h1>Something went wrong</h1><p>This page could not be shown. Please try again in a moment.</p>" +
  '<p><a href="/">CPAN Testers</a></p></body></html>';
