import { unwrapResolverError } from "@apollo/server/errors";
import type { GraphQLError, GraphQLFormattedError } from "graphql";
import { isStatementTimeout } from "../db/errors.js";
import { AppError, ErrorCode } from "../errors.js";
import type { Logger } from "../log.js";
import { requestErrorCode } from "./execution/request-errors.js";

export interface ErrorFormatOptions {
  /** Show the message and stack of our own faults to clients (EXPOSE_ERROR_DETAILS). */
  exposeDetails?: boolean;
}

/**
 * The one place that decides what an error looks like to a GraphQL client: AppErrors keep their
 * message and code, errors GraphQL itself raised (syntax, validation, bad variables) pass as they
 * are, and everything else is logged with its cause and replaced by a message that leaks nothing.
 * Client mistakes are logged at debug, without a stack: they are not faults of ours.
 */
export function formatGraphQLError(log: Logger, options: ErrorFormatOptions = {}) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const cause = unwrapResolverError(error);
    const requestCode = requestErrorCode(error);
    if (requestCode) {
      log.debug({ code: requestCode, message: formatted.message }, "GraphQL request refused");
      return { ...formatted, extensions: { ...formatted.extensions, code: requestCode } };
    }
    if (cause instanceof AppError) {
      // Details that point into the input (a report's JSON pointers) say more than the message.
      const details = cause.details.some((detail) => detail.path !== undefined) ? { details: cause.details } : {};
      return {
        ...formatted,
        message: cause.message,
        extensions: { ...cause.extensions, ...details, code: cause.code },
      };
    }
    if (isStatementTimeout(cause)) {
      // Not a bug but a query too big for the database's time limit: worth a warning, not an error.
      log.warn({ path: formatted.path }, "a GraphQL operation hit the statement timeout");
      return {
        ...formatted,
        message: "the query took longer than the database allows (statement timeout); ask for less",
        extensions: { code: ErrorCode.UNAVAILABLE },
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
