import type { FastifyError, FastifyInstance, FastifyRequest } from "fastify";
import { httpErrorHandler, mapHttpError, sendV3Error } from "../errors/http-error.mapper.js";
import { AppError, badInput, ErrorCode, type ErrorDetail } from "../errors/index.js";

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
 * The error format of the v3 API (PROTOCOLS.md section 3), `{"errors":[{"message","path"}]}`, as
 * the shared HTTP error mapper writes it, with parameter mistakes worded as the original's
 * validator worded them; unknown routes answer in it too.
 */
export function registerRestErrors(app: FastifyInstance): void {
  const answer = httpErrorHandler();
  app.setErrorHandler((error: FastifyError, request, reply) =>
    answer(error.validation ? originalValidationError(error.validation, request) : error, request, reply),
  );
  app.setNotFoundHandler((request, reply) =>
    sendV3Error(
      reply,
      mapHttpError(
        restError(ErrorCode.NOT_FOUND, `no such route: ${request.method} ${request.url.split("?")[0]}`),
        request,
      ),
    ),
  );
}

/** A refused parameter as the original reported it: one detail per issue, at its JSON pointer. */
function originalValidationError(issues: ValidationIssue[], request: FastifyRequest): AppError {
  const details = issues.map((issue) => {
    const missing = (issue.params as { missingProperty?: string }).missingProperty;
    const path = `${issue.instancePath}${missing ? `/${missing}` : ""}` || "/";
    return validationMessage(issue, request, path);
  });
  return badInput(details[0]?.message ?? "the request is invalid", details);
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
  if (rows.length === 0) throw restError(ErrorCode.NOT_FOUND, "No results found");
  return rows;
}
