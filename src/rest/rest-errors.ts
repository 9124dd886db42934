import type { FastifyError, FastifyInstance } from "fastify";
import { databaseFault, retryAfterOf } from "../db/errors.js";
import { AppError, ErrorCode, type ErrorDetail } from "../errors.js";

/**
 * The error format of the v3 API (PROTOCOLS.md section 3): `{"errors":[{"message","path"}]}`.
 * AppErrors keep their status and message; request validation names the parameter as a JSON
 * pointer; anything unexpected is logged and masked.
 */
export function registerRestErrors(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) return reply.code(error.status).send(error.toJSON());
    if (error.validation) {
      const details: ErrorDetail[] = error.validation.map((issue) => {
        const missing = (issue.params as { missingProperty?: string }).missingProperty;
        const path = `${issue.instancePath}${missing ? `/${missing}` : ""}` || "/";
        return {
          message: `${path.slice(1) || error.validationContext || "request"} ${issue.message ?? "is invalid"}`,
          path,
        };
      });
      return reply.code(400).send({ errors: details });
    }
    const fault = databaseFault(error);
    if (fault) {
      const seconds = retryAfterOf(fault);
      if (seconds !== undefined) reply.header("retry-after", String(seconds));
      return reply.code(fault.status).send(fault.toJSON());
    }
    // Fastify's own client errors (a malformed URL, a body too large) carry a 4xx status.
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return reply.code(error.statusCode).send({ errors: [{ message: error.message }] });
    }
    request.log.error({ err: error, url: request.url }, "unexpected error in a v3 request");
    return reply.code(500).send({ errors: [{ message: "Internal server error" }] });
  });
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send({ errors: [{ message: `no such route: ${request.method} ${request.url.split("?")[0]}` }] }),
  );
}

/** The v3 API answers an empty list with a 404 rather than `[]`. */
export function nonEmpty<Row>(rows: Row[], what: string): Row[] {
  if (rows.length === 0) throw new AppError(ErrorCode.NOT_FOUND, `no ${what} found`);
  return rows;
}
