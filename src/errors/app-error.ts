/** Stable error codes: clients branch on these, so they never change meaning. */
export const ErrorCode = {
  BAD_USER_INPUT: "BAD_USER_INPUT",
  UNAUTHENTICATED: "UNAUTHENTICATED",
  FORBIDDEN: "FORBIDDEN",
  NOT_FOUND: "NOT_FOUND",
  CONFLICT: "CONFLICT",
  PAYLOAD_TOO_LARGE: "PAYLOAD_TOO_LARGE",
  UNSUPPORTED_MEDIA_TYPE: "UNSUPPORTED_MEDIA_TYPE",
  RATE_LIMITED: "RATE_LIMITED",
  QUERY_TOO_COMPLEX: "QUERY_TOO_COMPLEX",
  UNAVAILABLE: "UNAVAILABLE",
  INTERNAL_SERVER_ERROR: "INTERNAL_SERVER_ERROR",
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

const httpStatus: Record<ErrorCode, number> = {
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  QUERY_TOO_COMPLEX: 400,
  UNAVAILABLE: 503,
  INTERNAL_SERVER_ERROR: 500,
};

export interface ErrorDetail {
  message: string;
  /** JSON pointer into the input the message is about, when there is one. */
  path?: string;
}

/**
 * An error the platform means to show to its caller. Its message says what was expected and what
 * was received; anything that is not an AppError is masked before it leaves the process.
 */
export class AppError extends Error {
  override name = "AppError";

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetail[] = [],
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(message);
  }

  get status(): number {
    return httpStatus[this.code];
  }

  /** The REST error body of PROTOCOLS.md: `{"errors":[{"message","path"}]}`. */
  toJSON(): { errors: ErrorDetail[] } {
    return { errors: this.details.length > 0 ? this.details : [{ message: this.message }] };
  }
}

export const badInput = (message: string, details?: ErrorDetail[]) =>
  new AppError(ErrorCode.BAD_USER_INPUT, message, details ?? [{ message }]);

export const notFound = (message: string) => new AppError(ErrorCode.NOT_FOUND, message);

/**
 * The AppError for a request the HTTP layer refused before our code ran (Fastify's body parsing
 * and schema validation), with a message that says what was expected; undefined for anything else.
 */
export function fromRequestError(
  error: unknown,
  request: { bodyLimit: number; contentType?: string | undefined },
): AppError | undefined {
  if (error instanceof AppError) return error;
  if (typeof error !== "object" || error === null) return undefined;
  const { code, statusCode, message } = error as { code?: unknown; statusCode?: unknown; message?: unknown };
  const text = typeof message === "string" ? message : "";
  switch (code) {
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return new AppError(
        ErrorCode.PAYLOAD_TOO_LARGE,
        `request body is larger than the limit of ${request.bodyLimit} bytes`,
      );
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return new AppError(
        ErrorCode.UNSUPPORTED_MEDIA_TYPE,
        `expected Content-Type application/json, got ${request.contentType ?? "none"}`,
      );
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
      return badInput("expected a JSON body, got an empty one");
    case "FST_ERR_VALIDATION":
      return badInput(text);
  }
  if (error instanceof SyntaxError || code === "FST_ERR_CTP_INVALID_JSON_BODY") {
    return badInput(`expected a JSON body, got malformed JSON (${text})`);
  }
  if (typeof statusCode === "number" && statusCode >= 400 && statusCode < 500) {
    return new AppError(statusCode === 413 ? ErrorCode.PAYLOAD_TOO_LARGE : ErrorCode.BAD_USER_INPUT, text);
  }
  return undefined;
}

/** The message of an error's innermost cause: drizzle wraps driver errors in "Failed query: ..." with all parameters. */
export function rootMessage(error: unknown): string {
  let current = error;
  while (current instanceof Error && current.cause instanceof Error) current = current.cause;
  return current instanceof Error ? current.message : String(current);
}
