import type { FastifyError, FastifyInstance, FastifyRequest } from "fastify";
import { isStatementTimeout } from "../db/errors.js";
import { AppError, type ErrorCode, ErrorCode as Codes, type ErrorDetail } from "../errors.js";

/**
 * An error with the body the original API wrote: `{"errors":[{"message","path"}]}`, the path `/`
 * when the message is about the request as a whole.
 */
export function restError(code: ErrorCode, message: string, path = "/"): AppError {
  return new AppError(code, message, [{ message, path }]);
}

type ValidationIssue = NonNullable<FastifyError["validation"]>[number];

/** What JSON::Validator, which checked the original's parameters, said of the same mistake. */
function validationMessage(issue: ValidationIssue, request: FastifyRequest, path: string): ErrorDetail {
  const params = issue.params as { allowedValues?: unknown[]; type?: string; limit?: number; missingProperty?: string };
  const name = path.slice(1);
  const value = (request.query as Record<string, unknown> | undefined)?.[name];
  switch (issue.keyword) {
    case "pattern":
      if (name === "since") return { message: "Does not match date-time format.", path };
      break;
    case "enum":
      return { message: `Not in enum list: ${(params.allowedValues ?? []).join(", ")}.`, path };
    case "type": {
      const got =
        typeof value === "string" && value.trim() !== "" && !Number.isNaN(Number(value)) ? "number" : "string";
      return { message: `Expected ${params.type ?? "value"} - got ${got}.`, path };
    }
    case "minimum":
      if (name === "limit") return { message: 'The value for "limit" must be a positive integer', path: "/" };
      break;
  }
  return { message: `${name || "request"} ${issue.message ?? "is invalid"}`, path };
}

/**
 * The error format of the v3 API (PROTOCOLS.md section 3): `{"errors":[{"message","path"}]}`.
 * AppErrors keep their status and message; request validation names the parameter as a JSON
 * pointer; anything unexpected is logged and masked.
 */
export function registerRestErrors(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) return reply.code(error.status).send(error.toJSON());
    if (error.validation) {
      const details = error.validation.map((issue) => {
        const missing = (issue.params as { missingProperty?: string }).missingProperty;
        const path = `${issue.instancePath}${missing ? `/${missing}` : ""}` || "/";
        return validationMessage(issue, request, path);
      });
      return reply.code(400).send({ errors: details });
    }
    if (isStatementTimeout(error)) {
      const timeout = new AppError(Codes.UNAVAILABLE, "the query took longer than the database allows; narrow it");
      return reply.code(timeout.status).send(timeout.toJSON());
    }
    // Fastify's own client errors (a malformed URL, a body too large) carry a 4xx status.
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return reply.code(error.statusCode).send({ errors: [{ message: error.message, path: "/" }] });
    }
    request.log.error({ err: error, url: request.url }, "unexpected error in a v3 request");
    return reply.code(500).send({ errors: [{ message: "Internal server error", path: "/" }] });
  });
  app.setNotFoundHandler((request, reply) =>
    reply
      .code(404)
      .send({ errors: [{ message: `no such route: ${request.method} ${request.url.split("?")[0]}`, path: "/" }] }),
  );
}

/**
 * CORS on every answer, Origin or not, with the headers the original sent: its clients include
 * pages that read the API from anywhere. A request with an Origin keeps the reflected origin that
 * the app-wide CORS plugin has already set.
 */
export function registerOpenCors(app: FastifyInstance): void {
  app.addHook("onSend", async (_request, reply, payload) => {
    if (!reply.hasHeader("access-control-allow-origin")) reply.header("access-control-allow-origin", "*");
    reply.header("access-control-allow-methods", "GET, POST, PUT, PATCH, DELETE, OPTIONS");
    reply.header("access-control-max-age", "3600");
    reply.header("access-control-allow-headers", "Content-Type, X-Requested-With");
    return payload;
  });
}

/** The original answers an empty list with 404 `No results found` rather than `[]`. */
export function nonEmpty<Row>(rows: Row[]): Row[] {
  if (rows.length === 0) throw restError(Codes.NOT_FOUND, "No results found");
  return rows;
}
