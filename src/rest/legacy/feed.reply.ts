import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import type { FastifyReply, FastifyRequest } from "fastify";

/**
 * How long a client or shared cache may reuse a feed without asking again. The feeds change with
 * every report; a minute absorbs bursts of identical requests (the matrix and mirrors poll) and
 * keeps them near live. After that a client revalidates with If-None-Match and, if nothing changed,
 * gets a 304 for the price of one index read.
 */
export const FEED_MAX_AGE_SECONDS = 60;

/** Rows read per statement while a feed streams: what the process holds of one answer at a time. */
export const FEED_PAGE_SIZE = 500;

/**
 * A weak validator for a feed whose body is determined by `state` (counts and newest ids, never
 * the rows). Weak because a page read after the state may already hold a newer report: the body
 * then says at least as much as its tag, and the next change of state changes the tag.
 */
export function feedTag(state: unknown): string {
  return `W/"${createHash("sha256").update(JSON.stringify(state)).digest("base64url").slice(0, 27)}"`;
}

/** Whether the request's If-None-Match names this tag (weak comparison, as RFC 9110 asks). */
export function matchesTag(request: FastifyRequest, tag: string): boolean {
  const header = request.headers["if-none-match"];
  if (!header) return false;
  const opaque = tag.replace(/^W\//, "");
  return header.split(",").some((candidate) => {
    const value = candidate.trim();
    return value === "*" || value.replace(/^W\//, "") === opaque;
  });
}

export interface Feed {
  tag: string;
  contentType: string;
  cacheControl?: string;
  /** The body as chunks, read only for a GET that is not answered 304. */
  body(): AsyncIterable<string>;
}

/**
 * Sends a feed with its validator: 304 when the client holds it already, headers alone for HEAD,
 * and otherwise the body as a stream that pulls its next chunk only when the socket has taken the
 * previous one, so a slow client slows the reads down instead of making the process buffer them.
 * The first chunk (which holds the first page) is read before the status is sent: a database
 * that fails at once is a 500, not a truncated 200.
 */
export async function sendFeed(request: FastifyRequest, reply: FastifyReply, feed: Feed): Promise<FastifyReply> {
  reply
    .header("cache-control", feed.cacheControl ?? `public, max-age=${FEED_MAX_AGE_SECONDS}`)
    .header("etag", feed.tag)
    .type(feed.contentType);
  if (matchesTag(request, feed.tag)) return reply.code(304).send();
  // An empty stream rather than an empty string: Fastify would announce content-length 0, which a
  // client checking the size with HEAD (the matrix does) would take as the GET's length.
  if (request.method === "HEAD") return reply.send(Readable.from([]));
  const chunks = feed.body()[Symbol.asyncIterator]();
  const first = await chunks.next();
  return reply.send(Readable.from(resume(first, chunks), { objectMode: false }));
}

async function* resume(first: IteratorResult<string>, rest: AsyncIterator<string>): AsyncIterable<string> {
  try {
    for (let next = first; !next.done; next = await rest.next()) yield next.value;
  } finally {
    // A client that went away ends the reads here.
    await rest.return?.();
  }
}

/** A JSON array written a page at a time: its opening goes out with the first page. */
export async function* jsonArray(pages: AsyncIterable<string[]>): AsyncIterable<string> {
  let separator = "[";
  for await (const items of pages) {
    if (items.length === 0) continue;
    yield separator + items.join(",");
    separator = ",";
  }
  yield separator === "[" ? "[]" : "]";
}
