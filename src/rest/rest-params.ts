import { AppError, ErrorCode } from "../errors/index.js";

/** Rows one v3 list answers at most; `limit` may ask for fewer. */
export const REST_MAX_ROWS = 100_000;

export const sinceParam = {
  type: "string",
  format: "date-time",
  description: "Only records since this ISO 8601 date-time",
} as const;
export const limitParam = { type: "integer", minimum: 1, maximum: REST_MAX_ROWS } as const;
export const maturityParam = { type: "string", enum: ["stable", "dev"] } as const;
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
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) {
    throw new AppError(ErrorCode.BAD_USER_INPUT, `since must be an ISO 8601 date-time, got ${JSON.stringify(value)}`, [
      { message: `since must be an ISO 8601 date-time, got ${JSON.stringify(value)}`, path: "/since" },
    ]);
  }
  return date;
}
