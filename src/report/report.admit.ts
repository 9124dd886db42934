import { deriveFacts, type FactsDerivation } from "./derive.js";
import { jsonValueErrors, type JsonLimits } from "./json.limits.js";
import type { InputError, ReportDocument } from "./report.types.js";

/** Problems listed in one answer at most; the rest are counted, so a huge bad body costs little. */
export const MAX_REPORTED_ERRORS = 100;

/**
 * Whether intake may store a normalised report: its strings are text Postgres can hold, within
 * the limits, and the ETL's own derivation ({@link deriveFacts}) accepts it. Both intakes (v3 and
 * Metabase) ask this of the document they built, so a report refused by the ETL is refused here.
 */
export function admitReport(doc: ReportDocument, limits: JsonLimits): FactsDerivation {
  const errors = jsonValueErrors(doc, limits);
  return errors.length > 0 ? { ok: false, errors } : deriveFacts(doc);
}

/** The first {@link MAX_REPORTED_ERRORS} problems, and a last entry counting the others when there are more. */
export function capErrors(errors: InputError[]): InputError[] {
  if (errors.length <= MAX_REPORTED_ERRORS) return errors;
  const more = errors.length - MAX_REPORTED_ERRORS;
  return [
    ...errors.slice(0, MAX_REPORTED_ERRORS),
    { path: "", message: `and ${more} more ${more === 1 ? "problem" : "problems"} not listed` },
  ];
}
