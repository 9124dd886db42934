import { admitReport } from "./report.admit.js";
import { serializeReport, type SerializedReport } from "./report.hash.js";
import type { JsonLimits } from "./json.limits.js";
import type { InputError, NewReport, ReportDocument } from "./report.types.js";
import { validateNewReport } from "./v3.validate.js";

export type PreparedReport =
  { ok: true; report: ReportDocument; serialized: SerializedReport } | { ok: false; errors: InputError[] };

/**
 * The one decision on a normalised report: admitted by the ETL's rules (admitReport), then
 * serialised for storage. Every way in (Metabase, v3, GraphQL, the legacy import) goes through it.
 */
export function prepareDocument(report: ReportDocument, limits: JsonLimits): PreparedReport {
  const admitted = admitReport(report, limits);
  if (!admitted.ok) return admitted;
  return { ok: true, report, serialized: serializeReport(report) };
}

/** What the server fills when a v3 document leaves it out. */
export interface ReportDefaults {
  /** Lowercase uuid. */
  id: string;
  /** ISO 8601 date-time, whole seconds. */
  created: string;
}

/**
 * A v3 report body from anywhere (POST /v3/report, submitReport, a `test_report` row of the
 * original): validated against the schema, its provenance dropped (ours to record: it would
 * decide the derived author), `id` and `created` filled, then {@link prepareDocument}.
 */
export function prepareV3Report(body: unknown, defaults: () => ReportDefaults, limits: JsonLimits): PreparedReport {
  const validated = validateNewReport(body);
  if (!validated.ok) return validated;
  const { metabase: _untrusted, ...report } = validated.report;
  return prepareDocument(completeReport(report, defaults), limits);
}

function completeReport(report: Omit<NewReport, "metabase">, defaults: () => ReportDefaults): ReportDocument {
  if (report.id !== undefined && report.created !== undefined) {
    return { ...report, id: report.id.toLowerCase(), created: report.created };
  }
  const filled = defaults();
  return { ...report, id: report.id?.toLowerCase() ?? filled.id, created: report.created ?? filled.created };
}
