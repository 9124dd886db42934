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

/** What an error is, for its log line and for what the client sees: decided once for both. */
type Verdict =
  | { kind: "request"; code: string }
  | { kind: "known"; known: NonNullable<ReturnType<typeof knownError>>; cause: unknown }
  | { kind: "client"; code: string }
  | { kind: "unexpected"; cause: unknown };

/** `code` is the one the error carries (Apollo gives GraphQL's own errors one, our code gives none). */
function verdictOf(error: unknown, code: unknown): Verdict {
  const requestCode = requestErrorCode(error);
  if (requestCode) return { kind: "request", code: requestCode };
  const cause = originalOf(unwrapResolverError(error));
  const known = knownError(cause);
  if (known) return { kind: "known", known, cause };
  if (typeof code === "string" && code !== ErrorCode.INTERNAL_SERVER_ERROR) return { kind: "client", code };
  return { kind: "unexpected", cause };
}

/**
 * One log line for an error of a GraphQL operation, on `log` (a request's logger carries its
 * `reqId`). Our faults are errors, with their cause and stack; faults of the moment (a statement
 * timeout, the database away) warnings; client mistakes debug, without a stack: they are not
 * faults of ours.
 */
export function logGraphQLError(log: Logger, error: unknown): void {
  const { path, message } = error as Partial<GraphQLError>;
  const verdict = verdictOf(error, (error as Partial<GraphQLError>).extensions?.code);
  switch (verdict.kind) {
    case "request":
      log.debug({ code: verdict.code, message }, "GraphQL request refused");
      return;
    case "known":
      if (isClientError(verdict.known.code)) {
        log.debug({ code: verdict.known.code, message: verdict.known.message, path }, "GraphQL client error");
      } else {
        log.warn({ err: verdict.cause, code: verdict.known.code, path }, verdict.known.message);
      }
      return;
    case "client":
      log.debug({ code: verdict.code, message, path }, "GraphQL client error");
      return;
    case "unexpected":
      log.error({ err: verdict.cause, path }, "unexpected error in a GraphQL operation");
  }
}

/**
 * The one place that decides what an error looks like to a GraphQL client: AppErrors (and
 * statement timeouts) keep their message and code, errors GraphQL itself raised (syntax,
 * validation, bad variables) pass as they are, and everything else is replaced by a message that
 * leaks nothing. Which codes are the server's fault comes from the same table as the HTTP statuses
 * of REST and intake. Logs nothing: see logGraphQLError and graphqlErrorHandling.
 */
export function formatGraphQLError(options: ErrorFormatOptions = {}) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const verdict = verdictOf(error, formatted.extensions?.code);
    switch (verdict.kind) {
      case "request":
        return { ...formatted, extensions: { ...formatted.extensions, code: verdict.code } };
      case "known": {
        const { known } = verdict;
        // Details that point into the input (a report's JSON pointers) say more than the message.
        const details = known.details.some((detail) => detail.path !== undefined) ? { details: known.details } : {};
        return {
          ...formatted,
          message: known.message,
          extensions: { ...known.extensions, ...details, code: known.code },
        };
      }
      case "client":
        return formatted;
      case "unexpected": {
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
      }
    }
  };
}

/**
 * Apollo's error formatter and the plugin that logs what it formats. Apollo's formatError is not
 * given the request, so errors raised while an operation runs are logged by the plugin
 * (didEncounterErrors) with the request's own logger, and so with its request id; the few Apollo
 * raises before there is a request context (a body that is not GraphQL, a context that failed)
 * are logged by the formatter, with the process's logger.
 */
export function graphqlErrorHandling<Context extends { log: Logger }>(
  log: Logger,
  options: ErrorFormatOptions = {},
): {
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
  plugin: ApolloServerPlugin<Context>;
} {
  const format = formatGraphQLError(options);
  // The same error objects reach didEncounterErrors and then formatError.
  const logged = new WeakSet<object>();
  return {
    formatError(formatted, error) {
      if (!(typeof error === "object" && error !== null && logged.has(error))) logGraphQLError(log, error);
      return format(formatted, error);
    },
    plugin: {
      async requestDidStart() {
        return {
          async didEncounterErrors({ contextValue, errors }) {
            for (const error of errors) {
              logGraphQLError(contextValue.log, error);
              logged.add(error);
            }
          },
        };
      },
    },
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
 * formatGraphQLError for what graphql-ws sends, which Apollo never sees, each error logged on the
 * connection's logger (the upgrade request's id). Errors without an original error are GraphQL's
 * own (syntax, validation) and pass. graphql-ws wraps what a subscription's event stream throws
 * without a path, where Apollo's unwrapping does not look: its cause is formatted directly.
 */
export function formatSubscriptionErrors(options: ErrorFormatOptions = {}) {
  const format = formatGraphQLError(options);
  return (errors: readonly GraphQLError[], log: Logger): GraphQLFormattedError[] =>
    errors.map((error) => {
      if (!error.originalError) {
        log.debug({ code: error.extensions.code, message: error.message, path: error.path }, "GraphQL client error");
        return error.toJSON();
      }
      const cause = error.path ? error : error.originalError;
      logGraphQLError(log, cause);
      return format(error.toJSON(), cause);
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
