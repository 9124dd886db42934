import { AppError, ErrorCode } from "../../errors/index.js";
import { parsePerlSeries, type PerlSeries } from "../../report/perl.js";
import { InvalidScalarValue } from "../scalars.js";

/** BAD_USER_INPUT naming the argument, what it allows and what it got: `first must be 1..100, got 812`. */
export function badArgument(argument: string, allowed: string, received: unknown): AppError {
  const shown = typeof received === "string" ? JSON.stringify(received) : String(received);
  return new AppError(ErrorCode.BAD_USER_INPUT, `${argument} must be ${allowed}, got ${shown}`, [], { argument });
}

export function intInRange(argument: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) throw badArgument(argument, `${min}..${max}`, value);
  return value;
}

export const DATE_TIME_ALLOWED = "an ISO 8601 date-time such as 2026-01-31T12:00:00Z (or a date, 2026-01-31)";
export const DATE_ALLOWED = "a date such as 2026-01-31 (YYYY-MM-DD)";

export function dateTimeArgument(argument: string, value: Date | InvalidScalarValue): Date;
export function dateTimeArgument(
  argument: string,
  value: Date | InvalidScalarValue | undefined | null,
): Date | undefined;
export function dateTimeArgument(argument: string, value: Date | InvalidScalarValue | undefined | null) {
  if (InvalidScalarValue.is(value)) throw badArgument(argument, DATE_TIME_ALLOWED, value.received);
  return value ?? undefined;
}

export function dateArgument(argument: string, value: string | InvalidScalarValue): string {
  if (InvalidScalarValue.is(value)) throw badArgument(argument, DATE_ALLOWED, value.received);
  return value;
}

const PERL_VERSION = /^5\.\d{1,3}\.\d{1,3}( RC\d+| patch \d+)?$/;

/** "5.36" → { major: 5, minor: 36 }, by the rule every series filter shares (report/perl.ts). */
export function perlSeriesArgument(argument: string, value: string): PerlSeries {
  const series = parsePerlSeries(value);
  if (!series) throw badArgument(argument, "a perl series such as 5.36", value);
  return series;
}

export function perlVersionArgument(argument: string, value: string): string {
  if (!PERL_VERSION.test(value)) throw badArgument(argument, "a perl version such as 5.36.1 (or 5.41.3 RC1)", value);
  return value;
}
