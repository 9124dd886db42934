import { ErrorCode } from "./error-code.js";
import { isStatementTimeout } from "./statement-timeout.js";

export interface ErrorDetail {
  message: string;
  /** JSON pointer into the input the message is about, when there is one. */
  path?: string;
}

/**
 * An error the platform means to show to its caller. Its message says what was expected and what
 * was received; anything that is not an AppError is masked before it leaves the process. It knows
 * no wire format: errors/http-error.mapper.ts and graphql/errors.ts render it.
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
}

export const badInput = (message: string, details?: ErrorDetail[]) =>
  new AppError(ErrorCode.BAD_USER_INPUT, message, details ?? [{ message }]);

export const notFound = (message: string) => new AppError(ErrorCode.NOT_FOUND, message);

/**
 * The AppError a caller is shown for an error raised while serving it: the error itself, or the
 * one database fault a caller can act on (a query that ran past the statement timeout); undefined
 * for anything unexpected, which the caller's wire format masks.
 */
export function knownError(error: unknown): AppError | undefined {
  if (error instanceof AppError) return error;
  if (isStatementTimeout(error)) {
    return new AppError(
      ErrorCode.UNAVAILABLE,
      "the query took longer than the database allows (statement timeout); ask for less",
    );
  }
  return undefined;
}

/** The message of an error's innermost cause: drizzle wraps driver errors in "Failed query: ..." with all parameters. */
export function rootMessage(error: unknown): string {
  let current = error;
  while (current instanceof Error && current.cause instanceof Error) current = current.cause;
  return current instanceof Error ? current.message : String(current);
}
