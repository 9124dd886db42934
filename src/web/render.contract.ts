import type { GraphQLSchema } from "graphql";

/**
 * What the server-side renderer (web/entry-server.tsx, built to dist/web-app/ssr/) offers the
 * server, and what it needs. The server imports the built module at run time, so this contract is
 * the only thing the two share at compile time.
 */
export interface SiteRendererOptions {
  /** The API's executable schema: pages run their operations in-process against it. */
  schema: GraphQLSchema;
  /** A fresh GraphQL context (its own DataLoaders) for one page render. */
  context: () => unknown;
  /** Vite's client manifest (dist/web-app/client/.vite/manifest.json), to link each page's chunks. */
  manifest: Record<string, ViteManifestChunk>;
}

export interface ViteManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}

/**
 * The reports a page depends on: the server's page cache keeps it until a report of this
 * distribution (or of a distribution of this author) is counted, or an upload of one is added,
 * instead of for its `maxAge` only. Browsers still keep it for `maxAge`.
 */
export interface PageTopics {
  dist?: string;
  author?: string;
}

export interface RenderedPage {
  status: number;
  html: string;
  /** How long a browser (and the server's page cache) may keep it, in seconds; 0: not at all. */
  maxAge: number;
  /** True when the page can never change (a report): cached for a long time, with an ETag. */
  immutable: boolean;
  invalidatedBy?: PageTopics;
}

export interface SiteRenderer {
  /** The pages' paths in Fastify's syntax (`/dist/:dist`), each served by `render`. */
  paths: string[];
  /** Loads every page's module: at start-up, so that no request waits for one (or finds it gone). */
  preload(): Promise<void>;
  /** Renders the page at `url` (path and query); unknown paths and missing things are 404 pages. */
  render(url: string): Promise<RenderedPage>;
}

export type CreateSiteRenderer = (options: SiteRendererOptions) => SiteRenderer;
