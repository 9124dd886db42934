import { GraphQLError } from "graphql";
import { ErrorCode, errorMeanings } from "../../errors/index.js";

/** Codes of the limits on one GraphQL request; each error also carries `limit` and `actual`. */
export const LimitCode = {
  TOO_MANY_FIELDS: ErrorCode.TOO_MANY_FIELDS,
  TOO_MANY_ALIASES: ErrorCode.TOO_MANY_ALIASES,
  TOO_MANY_ROOT_FIELDS: ErrorCode.TOO_MANY_ROOT_FIELDS,
  PAYLOAD_TOO_LARGE: ErrorCode.PAYLOAD_TOO_LARGE,
  RESPONSE_TOO_LARGE: ErrorCode.RESPONSE_TOO_LARGE,
  QUERY_TIMEOUT: ErrorCode.QUERY_TIMEOUT,
} as const;
export type LimitCode = (typeof LimitCode)[keyof typeof LimitCode];

/** The message and extensions of a request over a limit: `{ code, limit, actual }`. */
export function limitBody(code: LimitCode, what: string, limit: number, actual: number | undefined) {
  const figure = actual === undefined ? "" : ` (${actual})`;
  return {
    message: `${what}${figure} over the limit of ${limit}`,
    extensions: { code, limit, ...(actual === undefined ? {} : { actual }) },
  };
}

/** A request over a limit, refused with a 4xx. */
export function limitExceeded(code: LimitCode, what: string, limit: number, actual?: number): GraphQLError {
  const { message, extensions } = limitBody(code, what, limit, actual);
  return new GraphQLError(message, { extensions: { ...extensions, http: { status: errorMeanings[code].status } } });
}
