import type { FastifyInstance } from "fastify";
import type { Db } from "../db/client.js";
import { uploadPage } from "../db/queries/upload.queries.js";
import { nonEmpty } from "./rest-errors.js";
import { limitParam, maturityParam, REST_MAX_ROWS, sinceDate, sinceParam } from "./rest-params.js";

interface UploadQuery {
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
  properties: { dist: { type: "string", minLength: 1 }, author: { type: "string", minLength: 1 } },
} as const;

/** /v3/upload: uploads oldest first from `since`, at most `limit` (default and most: 100,000). */
export function registerUploadRoutes(app: FastifyInstance, db: Db): void {
  const handler = async (where: { dist?: string; author?: string }, query: UploadQuery, what: string) => {
    const since = sinceDate(query.since);
    const limit = query.limit ?? REST_MAX_ROWS;
    const rows = await uploadPage(db, {
      ...where,
      ...(since ? { since } : {}),
      ...(query.maturity ? { maturity: query.maturity } : {}),
      order: "asc",
      limit,
    });
    return nonEmpty(rows.slice(0, limit), what).map(({ upload }) => ({
      dist: upload.dist,
      version: upload.version,
      author: upload.author,
      filename: upload.filename,
      released: upload.releasedAt?.toISOString(),
    }));
  };

  app.get<{ Querystring: UploadQuery }>("/upload", { schema: { querystring } }, (request) =>
    handler({}, request.query, "uploads"),
  );
  app.get<{ Params: { dist: string }; Querystring: UploadQuery }>(
    "/upload/dist/:dist",
    { schema: { querystring, params } },
    (request) => handler({ dist: request.params.dist }, request.query, `uploads of ${request.params.dist}`),
  );
  app.get<{ Params: { author: string }; Querystring: UploadQuery }>(
    "/upload/author/:author",
    { schema: { querystring, params } },
    (request) => {
      const author = request.params.author.toUpperCase();
      return handler({ author }, request.query, `uploads by ${author}`);
    },
  );
}
