import { unwrapResolverError } from "@apollo/server/errors";
import type { GraphQLError, GraphQLFormattedError } from "graphql";
import type { ApolloServerPlugin } from "@apollo/server";
import { DATABASE_RETRY_AFTER_SECONDS, ErrorCode, isClientError, knownError } from "../errors/index.js";
import type { Logger } from "../log.js";
import { requestErrorCode } from "./execution/request-errors.js";

export interface ErrorFormatOptions {
  /** Show the message and stack of our own faults to clients (EXPOSE_ERROR_DETAILS). */
  exposeDetails?: boolean;
}

/**
 * The one place that decides what an error looks like to a GraphQL client: AppErrors (and
 * statement timeouts) keep their message and code, errors GraphQL itself raised (syntax,
 * validation, bad variables) pass as they are, and everything else is logged with its cause and
 * replaced by a message that leaks nothing. Which codes are the server's fault, and so logged,
 * comes from the same table as the HTTP statuses of REST and intake; client mistakes are logged
 * at debug, without a stack: they are not faults of ours.
 */
export function formatGraphQLError(log: Logger, options: ErrorFormatOptions = {}) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const cause = originalOf(unwrapResolverError(error));
    const requestCode = requestErrorCode(error);
    if (requestCode) {
      log.debug({ code: requestCode, message: formatted.message }, "GraphQL request refused");
      return { ...formatted, extensions: { ...formatted.extensions, code: requestCode } };
    }
    const known = knownError(cause);
    if (known) {
      // Not a bug but a fault of the moment (a query too big for the statement timeout): a warning.
      if (!isClientError(known.code)) log.warn({ err: cause, path: formatted.path }, known.message);
      // Details that point into the input (a report's JSON pointers) say more than the message.
      const details = known.details.some((detail) => detail.path !== undefined) ? { details: known.details } : {};
      return {
        ...formatted,
        message: known.message,
        extensions: { ...known.extensions, ...details, code: known.code },
      };
    }
    const code = formatted.extensions?.code;
    // Apollo gives GraphQL's own errors a code; an error thrown by our code arrives without one.
    if (typeof code === "string" && code !== ErrorCode.INTERNAL_SERVER_ERROR) {
      log.debug({ code, message: formatted.message, path: formatted.path }, "GraphQL client error");
      return formatted;
    }
    log.error({ err: cause, path: formatted.path }, "unexpected error in a GraphQL operation");
    const stacktrace = formatted.extensions?.stacktrace;
    return {
      message: options.exposeDetails ? formatted.message : "Internal server error",
      ...(formatted.path ? { path: formatted.path } : {}),
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      extensions: {
        code: ErrorCode.INTERNAL_SERVER_ERROR,
        ...(options.exposeDetails && stacktrace ? { stacktrace } : {}),
      },
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
export function formatSubscriptionErrors(log: Logger, options: ErrorFormatOptions = {}) {
  const format = formatGraphQLError(log, options);
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

/** The code a client will be shown for an error, read before formatting (operation metrics count by it). */
export function errorCodeOf(error: unknown): string {
  const requestCode = requestErrorCode(error);
  if (requestCode) return requestCode;
  const known = knownError(originalOf(unwrapResolverError(error)));
  if (known) return known.code;
  const code = (error as Partial<GraphQLError>).extensions?.code;
  return typeof code === "string" ? code : ErrorCode.INTERNAL_SERVER_ERROR;
}
