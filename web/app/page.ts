import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import type { ComponentType } from "react";
import type { Client } from "urql";
import type { PageTopics } from "../../src/web/render.contract";

/** What a page is rendered from: its URL's parameters and query, and the moment it was rendered. */
export interface PageContext {
  /** The path's parameters, e.g. `{ dist: "Data-Printer" }` for /dist/:dist. */
  params: Record<string, string>;
  /** The URL's query string, without `?` (filters, the search box's text, a page cursor). */
  search: string;
  /**
   * When the server rendered the page (ISO 8601). Pages derive date ranges from it rather than from
   * the clock, so that the browser asks for exactly what the server asked and hydrates from it.
   */
  now: string;
}

export interface PageHead {
  title: string;
  description: string;
  /** An Atom feed of the page, announced with <link rel="alternate" type="application/atom+xml">. */
  feed?: { title: string; href: string };
}

export type { PageTopics };

export type Prepared =
  | {
      head: PageHead;
      /** Seconds a browser and the server's page cache may keep the HTML (0: not at all). */
      maxAge: number;
      /** The page can never change (a report): cacheable for long, with an ETag. */
      immutable?: boolean;
      /** What the page shows changes only with reports of this distribution or author (see PageTopics). */
      invalidatedBy?: PageTopics;
    }
  /** Nothing at this address: the 404 page, with suggestions for `missing`. */
  | { notFound: string };

/**
 * One page of the site (pages/<name>/<Name>Page.tsx). `prepare` runs on the server before the
 * render: it executes the page's operations through `client` (in-process, against the schema), so
 * that `Page`'s `useQuery` calls, asked with the same variables, find their data synchronously and
 * the HTML holds it; the browser hydrates from the same results.
 */
export interface PageModule {
  /**
   * True for pages that derive date ranges from `context.now`. Others get an empty `now`, so that
   * the same data renders to the same HTML (and ETag).
   */
  usesClock?: boolean;
  prepare(client: Client, context: PageContext): Promise<Prepared>;
  Page: ComponentType<PageContext>;
}

/** Runs one operation for `prepare`; a GraphQL error fails the render (a 500 with our error page). */
export async function load<Data, Variables extends Record<string, unknown>>(
  client: Client,
  document: TypedDocumentNode<Data, Variables>,
  variables: Variables,
): Promise<Data> {
  const result = await client.query(document, variables).toPromise();
  if (result.error) throw result.error;
  if (!result.data) throw new Error("the operation returned no data");
  return result.data;
}
