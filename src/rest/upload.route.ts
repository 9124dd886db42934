import type { FastifyInstance } from "fastify";
import type { Db } from "../db/client.js";
import { uploadPage } from "../db/queries/upload.queries.js";
import { ErrorCode } from "../errors/index.js";
import { restError } from "./rest-errors.js";
import { type FeedQuery, feedFilter, feedQuerystring, isoSeconds } from "./rest-params.js";
import { listResponses, upload } from "./rest-schemas.js";

const params = {
  type: "object",
  properties: { dist: { type: "string", minLength: 1 }, author: { type: "string", minLength: 1 } },
} as const;

const schema = { tags: ["Upload"], querystring: feedQuerystring, params, response: listResponses(upload) };

/**
 * /upload: uploads oldest first from `since`, at most `limit` (default and most: 100,000). As in
 * the original, no upload at all is an empty list, and none of a dist or an author a 404.
 */
export function registerUploadRoutes(app: FastifyInstance, db: Db): void {
  const list = async (where: { dist?: string; author?: string }, query: FeedQuery) => {
    const filter = feedFilter(query);
    const rows = await uploadPage(db, { ...where, ...filter, order: "asc" });
    return rows.slice(0, filter.limit).map(({ upload: row }) => ({
      dist: row.dist,
      version: row.version,
      author: row.author,
      filename: row.filename,
      released: row.releasedAt ? isoSeconds(row.releasedAt) : null,
    }));
  };

  app.get<{ Querystring: FeedQuery }>("/upload", { schema: { ...schema, summary: "Every upload" } }, (request) =>
    list({}, request.query),
  );
  app.get<{ Params: { dist: string }; Querystring: FeedQuery }>(
    "/upload/dist/:dist",
    { schema: { ...schema, summary: "The uploads of a distribution" } },
    async (request) => {
      const rows = await list({ dist: request.params.dist }, request.query);
      if (rows.length === 0) throw restError(ErrorCode.NOT_FOUND, `Distribution "${request.params.dist}" not found`);
      return rows;
    },
  );
  app.get<{ Params: { author: string }; Querystring: FeedQuery }>(
    "/upload/author/:author",
    { schema: { ...schema, summary: "The uploads of an author" } },
    async (request) => {
      const rows = await list({ author: request.params.author.toUpperCase() }, request.query);
      if (rows.length === 0) throw restError(ErrorCode.NOT_FOUND, `Author "${request.params.author}" not found`);
      return rows;
    },
  );
}
