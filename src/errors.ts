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
