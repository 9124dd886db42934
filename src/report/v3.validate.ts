import { Ajv, type ErrorObject } from "ajv";
import addFormatsModule from "ajv-formats";
import { describeValue, pointerJoin } from "./input.describe.js";
import type { InputError, NewReport } from "./report.types.js";
import { newReportSchema } from "./v3.schema.js";

// ajv-formats is CommonJS with `exports.default`; NodeNext sees the module object, while
// bundlers (vitest) may hand over the function itself. Both carry `.default`.
const addFormats = addFormatsModule.default ?? addFormatsModule;

// `verbose` puts the offending `data` on each error, which the "got ..." messages need.
const ajv = new Ajv({ allErrors: true, verbose: true });
addFormats(ajv, ["uuid", "date-time"]);
const validate = ajv.compile<NewReport>(newReportSchema);

export type NewReportValidation = { ok: true; report: NewReport } | { ok: false; errors: InputError[] };

/** Checks a v3 `POST /report` body against {@link newReportSchema}. */
export function validateNewReport(body: unknown): NewReportValidation {
  if (validate(body)) return { ok: true, report: body };
  return { ok: false, errors: toInputErrors(validate.errors ?? []) };
}

function toInputErrors(errors: ErrorObject[]): InputError[] {
  // anyOf branch failures are noise once the anyOf itself is reported.
  const anyOfPaths = errors.filter((e) => e.keyword === "anyOf").map((e) => `${e.schemaPath}/`);
  const seen = new Set<string>();
  const out: InputError[] = [];
  for (const error of errors) {
    if (error.keyword === "if") continue; // its `then` failure says what is wrong
    if (anyOfPaths.some((prefix) => error.schemaPath.startsWith(prefix))) continue;
    const converted = toInputError(error);
    const key = `${converted.path}\u0000${converted.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(converted);
  }
  return out;
}

function toInputError(error: ErrorObject): InputError {
  const got = `got ${describeValue(error.data)}`;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "required":
      return { path: pointerJoin(error.instancePath, String(params.missingProperty)), message: "is required" };
    case "type":
      return { path: error.instancePath, message: `must be ${String(params.type)}, ${got}` };
    case "pattern":
      return { path: error.instancePath, message: `must match pattern "${String(params.pattern)}", ${got}` };
    case "enum":
      return { path: error.instancePath, message: `must be one of ${listOf(params.allowedValues)}, ${got}` };
    case "const":
      return { path: error.instancePath, message: `must be ${JSON.stringify(params.allowedValue)}, ${got}` };
    case "format":
      return { path: error.instancePath, message: `must be a ${String(params.format)}, ${got}` };
    case "minimum":
      return { path: error.instancePath, message: `must be >= ${String(params.limit)}, ${got}` };
    case "minLength":
      return { path: error.instancePath, message: `must not be empty, ${got}` };
    case "anyOf":
      return { path: error.instancePath, message: anyOfMessage(error) };
    default:
      return { path: error.instancePath, message: `${error.message ?? "is invalid"}, ${got}` };
  }
}

/** Our only anyOf is "at least one of these properties"; say which ones and what came instead. */
function anyOfMessage(error: ErrorObject): string {
  const branches = Array.isArray(error.schema) ? (error.schema as { required?: string[] }[]) : [];
  const names = branches.flatMap((b) => b.required ?? []);
  const data: unknown = error.data;
  const keys = typeof data === "object" && data !== null ? Object.keys(data) : [];
  const got = keys.length === 0 ? "no properties" : `only ${listOf(keys)}`;
  return `must have at least one of ${listOf(names)}, got ${got}`;
}

function listOf(values: unknown): string {
  return Array.isArray(values) ? values.map((v) => JSON.stringify(v)).join(", ") : String(values);
}
