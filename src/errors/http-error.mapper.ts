import type { FastifyReply, FastifyRequest } from "fastify";
import { AppError, badInput, type ErrorDetail, retryAfterOf } from "./app-error.js";
import { knownError } from "./database-fault.js";
import { ErrorCode, errorMeanings } from "./error-code.js";

/** An error as an HTTP answer: what every REST and intake route sends, whatever its body's shape. */
export interface HttpError {
  status: number;
  code: ErrorCode;
  message: string;
  /** What the message is about, one entry per problem: the details when there are, else the message. */
  errors: ErrorDetail[];
  /** Seconds after which a retry may succeed (Retry-After): the database is away, a rate limit or back-off. */
  retryAfter?: number;
}

const MASKED = "Internal server error";

/**
 * The one mapping from an error to an HTTP answer for REST and intake: AppErrors (and statement
 * timeouts) by their code, requests Fastify refused before our code ran by what was wrong with
 * them, and anything else logged with its cause and masked as a 500 whose message is `masked`.
 */
export function mapHttpError(error: unknown, request: FastifyRequest, masked = MASKED): HttpError {
  const known = knownError(error) ?? fromRequestError(error, request);
  if (known) {
    const { status, fault } = errorMeanings[known.code];
    if (fault === "server") request.log.warn({ err: error, url: request.url }, known.message);
    const retryAfter = retryAfterOf(known);
    return {
      status,
      code: known.code,
      message: known.message,
      errors: known.details.length > 0 ? known.details : [{ message: known.message }],
      ...(retryAfter === undefined ? {} : { retryAfter }),
    };
  }
  // Fastify's other client errors (a malformed URL, a bad Content-Length) carry a status of their own.
  const { statusCode, message } = error as { statusCode?: unknown; message?: unknown };
  if (typeof statusCode === "number" && statusCode >= 400 && statusCode < 500) {
    const text = typeof message === "string" ? message : `request refused with status ${statusCode}`;
    return { status: statusCode, code: codeOfStatus(statusCode), message: text, errors: [{ message: text }] };
  }
  request.log.error({ err: error, url: request.url }, "unexpected error in an HTTP request");
  return { status: 500, code: ErrorCode.INTERNAL_SERVER_ERROR, message: masked, errors: [{ message: masked }] };
}

/** The v3 error body of PROTOCOLS.md: `{"errors":[{"message","path"}]}`. */
export function sendV3Error(reply: FastifyReply, error: HttpError): FastifyReply {
  return reply.code(error.status).send({ errors: error.errors });
}

/**
 * A Fastify error handler that answers through mapHttpError: in the v3 body unless `send` renders
 * the mapping in a protocol's own shape.
 */
export function httpErrorHandler(
  options: { masked?: string; send?: (reply: FastifyReply, error: HttpError) => FastifyReply } = {},
) {
  const send = options.send ?? sendV3Error;
  return (error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply => {
    const mapped = mapHttpError(error, request, options.masked);
    if (mapped.retryAfter !== undefined) reply.header("retry-after", String(mapped.retryAfter));
    return send(reply, mapped);
  };
}

/** The AppError for a request Fastify refused (body parsing, schema validation); undefined for anything else. */
function fromRequestError(error: unknown, request: FastifyRequest): AppError | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const { code, message, validation, validationContext } = error as {
    code?: unknown;
    message?: unknown;
    validation?: ValidationIssue[];
    validationContext?: string;
  };
  const text = typeof message === "string" ? message : "";
  if (Array.isArray(validation)) return validationError(validation, validationContext);
  switch (code) {
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return new AppError(
        ErrorCode.PAYLOAD_TOO_LARGE,
        `request body is larger than the limit of ${request.routeOptions.bodyLimit} bytes`,
      );
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return new AppError(
        ErrorCode.UNSUPPORTED_MEDIA_TYPE,
        `expected Content-Type application/json, got ${request.headers["content-type"] ?? "none"}`,
      );
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
      return badInput("expected a JSON body, got an empty one");
  }
  if (error instanceof SyntaxError || code === "FST_ERR_CTP_INVALID_JSON_BODY") {
    return badInput(`expected a JSON body, got malformed JSON (${text})`);
  }
  return undefined;
}

interface ValidationIssue {
  instancePath: string;
  message?: string | undefined;
  params: Record<string, unknown>;
}

/** A schema validation failure, one detail per issue, each naming its parameter as a JSON pointer. */
function validationError(issues: ValidationIssue[], context: string | undefined): AppError {
  const details = issues.map((issue): ErrorDetail => {
    const missing = issue.params.missingProperty;
    const path = `${issue.instancePath}${typeof missing === "string" ? `/${missing}` : ""}` || "/";
    return { message: `${path.slice(1) || context || "request"} ${issue.message ?? "is invalid"}`, path };
  });
  return badInput(details[0]?.message ?? "the request is invalid", details);
}

/** The code of an HTTP client status, read back from the one table; BAD_USER_INPUT for statuses it lacks. */
function codeOfStatus(status: number): ErrorCode {
  const entry = Object.entries(errorMeanings).find(([, meaning]) => meaning.status === status);
  return entry ? (entry[0] as ErrorCode) : ErrorCode.BAD_USER_INPUT;
}
