import type { FastifyInstance } from "fastify";
import type { Db } from "../db/client.js";
import { uploadPage } from "../db/queries/upload.queries.js";
import { nonEmpty } from "./rest-errors.js";
import { type FeedQuery, feedFilter, feedQuerystring } from "./rest-params.js";

const params = {
  type: "object",
  properties: { dist: { type: "string", minLength: 1 }, author: { type: "string", minLength: 1 } },
} as const;

/** /v3/upload: uploads oldest first from `since`, at most `limit` (default and most: 100,000). */
export function registerUploadRoutes(app: FastifyInstance, db: Db): void {
  const handler = async (where: { dist?: string; author?: string }, query: FeedQuery, what: string) => {
    const filter = feedFilter(query);
    const rows = await uploadPage(db, { ...where, ...filter, order: "asc" });
    return nonEmpty(rows.slice(0, filter.limit), what).map(({ upload }) => ({
      dist: upload.dist,
      version: upload.version,
      author: upload.author,
      filename: upload.filename,
      released: upload.releasedAt?.toISOString(),
    }));
  };

  app.get<{ Querystring: FeedQuery }>("/upload", { schema: { querystring: feedQuerystring } }, (request) =>
    handler({}, request.query, "uploads"),
  );
  app.get<{ Params: { dist: string }; Querystring: FeedQuery }>(
    "/upload/dist/:dist",
    { schema: { querystring: feedQuerystring, params } },
    (request) => handler({ dist: request.params.dist }, request.query, `uploads of ${request.params.dist}`),
  );
  app.get<{ Params: { author: string }; Querystring: FeedQuery }>(
    "/upload/author/:author",
    { schema: { querystring: feedQuerystring, params } },
    (request) => {
      const author = request.params.author.toUpperCase();
      return handler({ author }, request.query, `uploads by ${author}`);
    },
  );
}
