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
  TOO_MANY_FIELDS: "TOO_MANY_FIELDS",
  TOO_MANY_ALIASES: "TOO_MANY_ALIASES",
  TOO_MANY_ROOT_FIELDS: "TOO_MANY_ROOT_FIELDS",
  RESPONSE_TOO_LARGE: "RESPONSE_TOO_LARGE",
  QUERY_TIMEOUT: "QUERY_TIMEOUT",
  UNAVAILABLE: "UNAVAILABLE",
  INTERNAL_SERVER_ERROR: "INTERNAL_SERVER_ERROR",
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export interface ErrorMeaning {
  /** The HTTP status of a REST or intake answer with this code. */
  status: number;
  /** Whose mistake it is: a client's is answered and not logged; the server's is logged. */
  fault: "client" | "server";
}

/**
 * What each code means, in the one table every wire format reads: the HTTP error mapper takes
 * its status from here, and both it and the GraphQL formatter decide from `fault` what to log.
 */
export const errorMeanings: Readonly<Record<ErrorCode, ErrorMeaning>> = {
  BAD_USER_INPUT: { status: 400, fault: "client" },
  UNAUTHENTICATED: { status: 401, fault: "client" },
  FORBIDDEN: { status: 403, fault: "client" },
  NOT_FOUND: { status: 404, fault: "client" },
  CONFLICT: { status: 409, fault: "client" },
  PAYLOAD_TOO_LARGE: { status: 413, fault: "client" },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, fault: "client" },
  RATE_LIMITED: { status: 429, fault: "client" },
  QUERY_TOO_COMPLEX: { status: 400, fault: "client" },
  TOO_MANY_FIELDS: { status: 400, fault: "client" },
  TOO_MANY_ALIASES: { status: 400, fault: "client" },
  TOO_MANY_ROOT_FIELDS: { status: 400, fault: "client" },
  // Said in the answer rather than by a status: the response was already under way.
  RESPONSE_TOO_LARGE: { status: 400, fault: "client" },
  QUERY_TIMEOUT: { status: 400, fault: "client" },
  UNAVAILABLE: { status: 503, fault: "server" },
  INTERNAL_SERVER_ERROR: { status: 500, fault: "server" },
};

export const isClientError = (code: ErrorCode): boolean => errorMeanings[code].fault === "client";
