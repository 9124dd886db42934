import type { FastifyInstance } from "fastify";
import type { Db } from "../db/client.js";
import { restReleases } from "../db/queries/release.queries.js";
import { nonEmpty } from "./rest-errors.js";
import { type FeedQuery, feedFilter, feedQuerystring } from "./rest-params.js";

const params = {
  type: "object",
  properties: {
    dist: { type: "string", minLength: 1 },
    version: { type: "string", minLength: 1 },
    author: { type: "string", minLength: 1 },
  },
} as const;

/**
 * /v3/release: report counts over all perls per release, in the order they last changed (so
 * `since` polls work), at most `limit` rows (default and most: 100,000).
 */
export function registerReleaseRoutes(app: FastifyInstance, db: Db): void {
  const handler = async (
    where: { dist?: string; version?: string; author?: string },
    query: FeedQuery,
    what: string,
  ) => {
    return nonEmpty(await restReleases(db, { ...where, ...feedFilter(query) }), what);
  };

  app.get<{ Querystring: FeedQuery }>("/release", { schema: { querystring: feedQuerystring } }, (request) =>
    handler({}, request.query, "releases"),
  );
  app.get<{ Params: { dist: string }; Querystring: FeedQuery }>(
    "/release/dist/:dist",
    { schema: { querystring: feedQuerystring, params } },
    (request) => handler({ dist: request.params.dist }, request.query, `releases of ${request.params.dist}`),
  );
  app.get<{ Params: { dist: string; version: string }; Querystring: FeedQuery }>(
    "/release/dist/:dist/:version",
    { schema: { querystring: feedQuerystring, params } },
    (request) =>
      handler(
        { dist: request.params.dist, version: request.params.version },
        request.query,
        `release ${request.params.dist} ${request.params.version}`,
      ),
  );
  app.get<{ Params: { author: string }; Querystring: FeedQuery }>(
    "/release/author/:author",
    { schema: { querystring: feedQuerystring, params } },
    (request) =>
      handler(
        { author: request.params.author.toUpperCase() },
        request.query,
        `releases by ${request.params.author.toUpperCase()}`,
      ),
  );
}
