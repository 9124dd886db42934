import { GraphQLError } from "graphql";

/** Codes of the limits on one GraphQL request; each error also carries `limit` and `actual`. */
export const LimitCode = {
  TOO_MANY_FIELDS: "TOO_MANY_FIELDS",
  TOO_MANY_ALIASES: "TOO_MANY_ALIASES",
  TOO_MANY_ROOT_FIELDS: "TOO_MANY_ROOT_FIELDS",
  PAYLOAD_TOO_LARGE: "PAYLOAD_TOO_LARGE",
  RESPONSE_TOO_LARGE: "RESPONSE_TOO_LARGE",
  QUERY_TIMEOUT: "QUERY_TIMEOUT",
} as const;
export type LimitCode = (typeof LimitCode)[keyof typeof LimitCode];

const status: Record<LimitCode, number> = {
  TOO_MANY_FIELDS: 400,
  TOO_MANY_ALIASES: 400,
  TOO_MANY_ROOT_FIELDS: 400,
  PAYLOAD_TOO_LARGE: 413,
  RESPONSE_TOO_LARGE: 400,
  QUERY_TIMEOUT: 400,
};

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
  return new GraphQLError(message, { extensions: { ...extensions, http: { status: status[code] } } });
}
