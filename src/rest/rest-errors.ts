import type { FastifyInstance } from "fastify";
import { httpErrorHandler, mapHttpError, sendV3Error } from "../errors/http-error.mapper.js";
import { AppError, ErrorCode, notFound } from "../errors/index.js";

/**
 * The error format of the v3 API (PROTOCOLS.md section 3), `{"errors":[{"message","path"}]}`, as
 * the shared HTTP error mapper writes it; unknown routes answer in it too.
 */
export function registerRestErrors(app: FastifyInstance): void {
  app.setErrorHandler(httpErrorHandler());
  app.setNotFoundHandler((request, reply) =>
    sendV3Error(
      reply,
      mapHttpError(notFound(`no such route: ${request.method} ${request.url.split("?")[0]}`), request),
    ),
  );
}

/** The v3 API answers an empty list with a 404 rather than `[]`. */
export function nonEmpty<Row>(rows: Row[], what: string): Row[] {
  if (rows.length === 0) throw new AppError(ErrorCode.NOT_FOUND, `no ${what} found`);
  return rows;
}
