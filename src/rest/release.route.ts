import type { FastifyInstance } from "fastify";
import type { Db } from "../db/client.js";
import { restReleases } from "../db/queries/release.queries.js";
import { nonEmpty } from "./rest-errors.js";
import { limitParam, maturityParam, REST_MAX_ROWS, sinceDate, sinceParam } from "./rest-params.js";

interface ReleaseQuery {
  since?: string;
  limit?: number;
  maturity?: "stable" | "dev";
}

const querystring = {
  type: "object",
  additionalProperties: false,
  properties: { since: sinceParam, limit: limitParam, maturity: maturityParam },
} as const;

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
    query: ReleaseQuery,
    what: string,
  ) => {
    const since = sinceDate(query.since);
    const rows = await restReleases(db, {
      ...where,
      ...(since ? { since } : {}),
      ...(query.maturity ? { maturity: query.maturity } : {}),
      limit: query.limit ?? REST_MAX_ROWS,
    });
    return nonEmpty(rows, what);
  };

  app.get<{ Querystring: ReleaseQuery }>("/release", { schema: { querystring } }, (request) =>
    handler({}, request.query, "releases"),
  );
  app.get<{ Params: { dist: string }; Querystring: ReleaseQuery }>(
    "/release/dist/:dist",
    { schema: { querystring, params } },
    (request) => handler({ dist: request.params.dist }, request.query, `releases of ${request.params.dist}`),
  );
  app.get<{ Params: { dist: string; version: string }; Querystring: ReleaseQuery }>(
    "/release/dist/:dist/:version",
    { schema: { querystring, params } },
    (request) =>
      handler(
        { dist: request.params.dist, version: request.params.version },
        request.query,
        `release ${request.params.dist} ${request.params.version}`,
      ),
  );
  app.get<{ Params: { author: string }; Querystring: ReleaseQuery }>(
    "/release/author/:author",
    { schema: { querystring, params } },
    (request) =>
      handler(
        { author: request.params.author.toUpperCase() },
        request.query,
        `releases by ${request.params.author.toUpperCase()}`,
      ),
  );
}
