import { unwrapResolverError } from "@apollo/server/errors";
import type { GraphQLError, GraphQLFormattedError } from "graphql";
import type { ApolloServerPlugin } from "@apollo/server";
import { DATABASE_RETRY_AFTER_SECONDS, databaseFault } from "../db/errors.js";
import { AppError, ErrorCode, rootMessage } from "../errors.js";
import type { Logger } from "../log.js";

/**
 * The one place that decides what an error looks like to a GraphQL client: AppErrors keep their
 * message and code, errors GraphQL itself raised (syntax, validation, bad variables) pass as they
 * are, and everything else is logged with its cause and replaced by a message that leaks nothing.
 */
export function formatGraphQLError(log: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const cause = originalOf(unwrapResolverError(error));
    if (cause instanceof AppError) {
      // Details that point into the input (a report's JSON pointers) say more than the message.
      const details = cause.details.some((detail) => detail.path !== undefined) ? { details: cause.details } : {};
      return {
        ...formatted,
        message: cause.message,
        extensions: { ...cause.extensions, ...details, code: cause.code },
      };
    }
    const fault = databaseFault(cause);
    if (fault) {
      // Not a bug but the database's state or time limit: worth a warning, not an error.
      log.warn({ path: formatted.path, reason: rootMessage(cause) }, "a GraphQL operation met a database fault");
      return { ...formatted, message: fault.message, extensions: { ...fault.extensions, code: fault.code } };
    }
    const code = formatted.extensions?.code;
    // Apollo gives GraphQL's own errors a code; an error thrown by our code arrives without one.
    if (typeof code === "string" && code !== ErrorCode.INTERNAL_SERVER_ERROR) return formatted;
    log.error({ err: cause, path: formatted.path }, "unexpected error in a GraphQL operation");
    return {
      message: "Internal server error",
      ...(formatted.path ? { path: formatted.path } : {}),
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}

/**
 * The error a resolver threw. graphql-jit reports it in an error object of its own (not a
 * GraphQLError), which Apollo wraps once more without a path, where its unwrapping stops.
 */
function originalOf(error: unknown): unknown {
  let current = error;
  for (;;) {
    const inner = (current as { originalError?: unknown } | null)?.originalError;
    if (!(inner instanceof Error)) return current;
    current = inner;
  }
}

/**
 * formatGraphQLError for what graphql-ws sends, which Apollo never sees. Errors without an original
 * error are GraphQL's own (syntax, validation) and pass. graphql-ws wraps what a subscription's
 * event stream throws without a path, where Apollo's unwrapping does not look: its cause is
 * formatted directly.
 */
export function formatSubscriptionErrors(log: Logger) {
  const format = formatGraphQLError(log);
  return (errors: readonly GraphQLError[]): GraphQLFormattedError[] =>
    errors.map((error) => {
      if (!error.originalError) return error.toJSON();
      return format(error.toJSON(), error.path ? error : error.originalError);
    });
}

/**
 * HTTP 503 for a GraphQL response that failed for want of the database (an UNAVAILABLE error),
 * with Retry-After when waiting helps, as REST and intake answer the same fault.
 */
export function unavailableStatusPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== "single") return;
          const errors = response.body.singleResult.errors ?? [];
          const unavailable = errors.filter((error) => error.extensions?.code === ErrorCode.UNAVAILABLE);
          if (unavailable.length === 0) return;
          response.http.status = 503;
          if (unavailable.some((error) => error.extensions?.retryAfter !== undefined)) {
            response.http.headers.set("retry-after", String(DATABASE_RETRY_AFTER_SECONDS));
          }
        },
      };
    },
  };
}
