import { ErrorCode } from "./error-code.js";

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

/** The message of an error's innermost cause: drizzle wraps driver errors in "Failed query: ..." with all parameters. */
export function rootMessage(error: unknown): string {
  let current = error;
  while (current instanceof Error && current.cause instanceof Error) current = current.cause;
  return current instanceof Error ? current.message : String(current);
}

/** The seconds after which a retry may succeed (Retry-After) that an error carries: a database outage, a rate limit. */
export function retryAfterOf(error: AppError): number | undefined {
  const seconds = error.extensions.retryAfter;
  return typeof seconds === "number" ? seconds : undefined;
}
