import { GraphQLBoolean, GraphQLDirective, GraphQLEnumType, GraphQLInt, DirectiveLocation } from "graphql";
import { Directive } from "type-graphql";

/**
 * How long (seconds) a response may be served from a cache, by what it contains. Apollo's cache
 * control takes the smallest hint of every type and root field in a response; the response cache
 * and the Cache-Control header both follow it, so nothing is served older than its shortest hint.
 */
export const MaxAge = {
  /** Reports, their documents and perl versions never change once written. */
  immutable: 86_400,
  /** Testers' profiles change rarely. */
  tester: 3_600,
  /** Distributions, authors and uploads: a new upload or a completed provisional one. */
  catalogue: 60,
  /** Search results: new names appear with new uploads. */
  search: 300,
  /** Release counts, matrices and report lists change with every report processed. */
  counts: 5,
  /** Daily and monthly rollups grow with every report; a minute late is fine for charts. */
  statistics: 60,
  /** The submission rate is about the last minutes. */
  rate: 10,
  /** The platform's own status: recomputed at most this often however many pages poll it. */
  status: 5,
} as const;

/** `@cacheControl(maxAge: N)` on a type or a field. */
export const cacheFor = (maxAge: number) => Directive(`@cacheControl(maxAge: ${maxAge})`);

/** `@cacheControl(inheritMaxAge: true)`: wrappers (connections, counts) take their parent's hint. */
export const inheritCache = () => Directive("@cacheControl(inheritMaxAge: true)");

const CacheControlScope = new GraphQLEnumType({
  name: "CacheControlScope",
  description: "Who may cache a response: any cache (PUBLIC) or only the client's own (PRIVATE).",
  values: {
    PUBLIC: { description: "Shared caches (CDNs, the server's response cache) may keep it." },
    PRIVATE: { description: "Only the requesting client may keep it." },
  },
});

/** The directive Apollo's cache control reads; declared so the SDL shows every hint. */
export const cacheControlDirective = new GraphQLDirective({
  name: "cacheControl",
  description: "How long a type or field may be cached (seconds); the response takes the smallest hint.",
  locations: [
    DirectiveLocation.FIELD_DEFINITION,
    DirectiveLocation.OBJECT,
    DirectiveLocation.INTERFACE,
    DirectiveLocation.UNION,
  ],
  args: {
    maxAge: { type: GraphQLInt, description: "Seconds a response holding this may be served from a cache." },
    scope: { type: CacheControlScope, description: "Who may cache it; PUBLIC when absent." },
    inheritMaxAge: { type: GraphQLBoolean, description: "Take the hint of the parent field instead." },
  },
});
