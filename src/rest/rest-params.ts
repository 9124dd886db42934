import { AppError, ErrorCode } from "../errors/index.js";

/** Rows one v3 list answers at most; `limit` may ask for fewer. */
export const REST_MAX_ROWS = 100_000;

/**
 * An ISO 8601 date-time; without a zone it is UTC, as the original read `2016-08-20T00:00:00`.
 * A pattern rather than ajv's `date-time` format, which insists on a zone.
 */
export const SINCE_PATTERN = "^\\d{4}-\\d{2}-\\d{2}[Tt ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?([Zz]|[+-]\\d{2}:?\\d{2})?$";

export const sinceParam = {
  type: "string",
  pattern: SINCE_PATTERN,
  description: "Only records since this ISO 8601 date-time (UTC when it names no zone)",
} as const;
export const limitParam = {
  type: "integer",
  minimum: 1,
  maximum: REST_MAX_ROWS,
  description: `Only up to this many records (at most ${REST_MAX_ROWS})`,
} as const;
export const maturityParam = {
  type: "string",
  enum: ["stable", "dev"],
  description: "Only releases of this maturity",
} as const;
export const stringArrayParam = { type: "array", items: { type: "string", maxLength: 100 }, maxItems: 50 } as const;

/** The query string of the v3 feeds (/release, /upload): since when, how many, which maturity. */
export interface FeedQuery {
  since?: string;
  limit?: number;
  maturity?: "stable" | "dev";
}

export const feedQuerystring = {
  type: "object",
  additionalProperties: false,
  properties: { since: sinceParam, limit: limitParam, maturity: maturityParam },
} as const;

/** A feed query as the query functions take it: `since` a Date, `limit` at most REST_MAX_ROWS. */
export function feedFilter(query: FeedQuery): { since?: Date; maturity?: "stable" | "dev"; limit: number } {
  const since = sinceDate(query.since);
  return {
    ...(since ? { since } : {}),
    ...(query.maturity ? { maturity: query.maturity } : {}),
    limit: query.limit ?? REST_MAX_ROWS,
  };
}

/** A date-time the schema has checked the shape of; a value that is no real instant is a 400. */
export function sinceDate(value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const zoned = /([Zz]|[+-]\d{2}:?\d{2})$/.test(value) ? value : `${value}Z`;
  const date = new Date(zoned.replace(" ", "T"));
  // Postgres takes no year 0 (1 BC), and none past 9999 in the form a Date is sent.
  const year = date.getUTCFullYear();
  if (Number.isNaN(date.getTime()) || year < 1 || year > 9999) {
    throw new AppError(ErrorCode.BAD_USER_INPUT, `since must be an ISO 8601 date-time, got ${JSON.stringify(value)}`, [
      { message: "Does not match date-time format.", path: "/since" },
    ]);
  }
  return date;
}

/** A date-time as the original wrote them: whole seconds, UTC, `2016-08-12T04:01:00Z`. */
export function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d+Z$/, "Z");
}
