import { AppError } from "./app-error.js";
import { ErrorCode } from "./error-code.js";

/** Seconds a client is asked to wait (Retry-After) when the database cannot be reached. */
export const DATABASE_RETRY_AFTER_SECONDS = 2;

/**
 * Why a database call failed when the fault is the database's and not the request's:
 * `timeout` (statement_timeout cancelled it: asking for less helps, retrying does not) or
 * `unreachable` (the server is down, restarting or dropped the connection: retrying helps).
 */
export type DatabaseFault = "timeout" | "unreachable";

// SQLSTATEs of a server going away: class 08 (connection exception), admin or crash shutdown
// (57P01, 57P02), still starting or shutting down (57P03), too many connections (53300).
const UNREACHABLE_STATES = new Set(["57P01", "57P02", "57P03", "53300"]);
// Socket errors of node:net while connecting or talking to the server.
const UNREACHABLE_SYSCALL = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "EHOSTUNREACH", "EAI_AGAIN"]);
// node-postgres reports a lost or dead connection only by message.
const UNREACHABLE_MESSAGE =
  /^Connection terminated|not queryable|timeout exceeded when trying to connect|Connection terminated due to connection timeout/;

/** The database fault behind an error (drizzle and AggregateError wrappers included), if any. */
export function classifyDatabaseError(error: unknown): DatabaseFault | undefined {
  for (let cause = error; cause instanceof Error; cause = cause.cause) {
    const code = (cause as { code?: unknown }).code;
    if (code === "57014") return "timeout";
    if (typeof code === "string" && (code.startsWith("08") || UNREACHABLE_STATES.has(code))) return "unreachable";
    if (typeof code === "string" && UNREACHABLE_SYSCALL.has(code)) return "unreachable";
    if (UNREACHABLE_MESSAGE.test(cause.message)) return "unreachable";
    // Connecting to every address of a host fails as one AggregateError (::1 and 127.0.0.1).
    if (
      cause instanceof AggregateError &&
      cause.errors.some((inner) => classifyDatabaseError(inner) === "unreachable")
    ) {
      return "unreachable";
    }
  }
  return undefined;
}

/** Whether Postgres cancelled the statement for running past statement_timeout (SQLSTATE 57014). */
export function isStatementTimeout(error: unknown): boolean {
  return classifyDatabaseError(error) === "timeout";
}

/**
 * The one answer every API gives for a database fault: UNAVAILABLE (HTTP 503), with
 * `retryAfter` seconds when waiting helps. Undefined for any other error.
 */
export function databaseFault(error: unknown): AppError | undefined {
  switch (classifyDatabaseError(error)) {
    case "timeout":
      return new AppError(
        ErrorCode.UNAVAILABLE,
        "the query took longer than the database allows (statement timeout); ask for less",
      );
    case "unreachable":
      return new AppError(ErrorCode.UNAVAILABLE, "the database is unavailable; retry shortly", [], {
        retryAfter: DATABASE_RETRY_AFTER_SECONDS,
      });
    default:
      return undefined;
  }
}

/**
 * The AppError a caller is shown for an error raised while serving it: the error itself, or the
 * database fault a caller can act on (a statement timeout: ask for less; an unreachable database:
 * retry); undefined for anything unexpected, which the caller's wire format masks.
 */
export function knownError(error: unknown): AppError | undefined {
  return error instanceof AppError ? error : (databaseFault(error) ?? unstorableText(error));
}

/**
 * A client's text that Postgres refuses to take as a parameter (U+0000, SQLSTATE 22021): stored
 * text never holds one (intake replaces it), so only a request can bring it, and it names nothing.
 */
function unstorableText(error: unknown): AppError | undefined {
  for (let cause = error; cause instanceof Error; cause = cause.cause) {
    if ((cause as { code?: unknown }).code === "22021") {
      return new AppError(ErrorCode.BAD_USER_INPUT, "a parameter holds a character no text here can (U+0000)");
    }
  }
  return undefined;
}
