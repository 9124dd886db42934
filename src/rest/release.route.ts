import type { FastifyInstance } from "fastify";
import type { Db } from "../db/client.js";
import { restReleases } from "../db/queries/release.queries.js";
import { ErrorCode } from "../errors/index.js";
import { nonEmpty, restError } from "./rest-errors.js";
import { type FeedQuery, feedFilter, feedQuerystring } from "./rest-params.js";
import { errorsBody, listResponses, releaseSummary } from "./rest-schemas.js";

const params = {
  type: "object",
  properties: {
    dist: { type: "string", minLength: 1 },
    version: { type: "string", minLength: 1 },
    author: { type: "string", minLength: 1 },
  },
} as const;

const schema = { tags: ["Release"], querystring: feedQuerystring, params, response: listResponses(releaseSummary) };

/**
 * /release: report counts over all perls per release, by dist and version, at most `limit` rows
 * (default and most: 100,000). `since` (releases with reports since then) only for a dist or an
 * author, as the original: over every release it cannot be answered quickly. The v1 API has all
 * but the single release.
 */
export function registerReleaseRoutes(app: FastifyInstance, db: Db, options: { singleRelease: boolean }): void {
  const list = async (where: { dist?: string; author?: string }, query: FeedQuery) =>
    nonEmpty(await restReleases(db, { ...where, ...feedFilter(query) }));

  app.get<{ Querystring: FeedQuery }>("/release", { schema: { ...schema, summary: "Every release" } }, (request) => {
    if (request.query.since !== undefined) {
      throw restError(ErrorCode.BAD_USER_INPUT, '"since" parameter not allowed');
    }
    return list({}, request.query);
  });
  app.get<{ Params: { dist: string }; Querystring: FeedQuery }>(
    "/release/dist/:dist",
    { schema: { ...schema, summary: "The releases of a distribution" } },
    (request) => list({ dist: request.params.dist }, request.query),
  );
  if (options.singleRelease) {
    app.get<{ Params: { dist: string; version: string }; Querystring: FeedQuery }>(
      "/release/dist/:dist/:version",
      {
        schema: {
          ...schema,
          summary: "One release",
          response: { 200: releaseSummary, 400: errorsBody, 404: errorsBody },
        },
      },
      async (request) => {
        const [release] = await restReleases(db, {
          ...feedFilter(request.query),
          dist: request.params.dist,
          version: request.params.version,
        });
        if (!release) throw restError(ErrorCode.NOT_FOUND, "Not found");
        return release;
      },
    );
  }
  app.get<{ Params: { author: string }; Querystring: FeedQuery }>(
    "/release/author/:author",
    { schema: { ...schema, summary: "The releases of an author" } },
    (request) => list({ author: request.params.author.toUpperCase() }, request.query),
  );
}
