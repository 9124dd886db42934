import { Ajv, type ErrorObject } from "ajv";
import addFormatsModule from "ajv-formats";
import { describeValue, isRecord, pointerJoin } from "./input.describe.js";
import type { InputError, NewReport } from "./report.types.js";
import { newReportSchema, V3_COLLECTION_LIMITS } from "./v3.schema.js";

// ajv-formats is CommonJS with `exports.default`; NodeNext sees the module object, while
// bundlers (vitest) may hand over the function itself. Both carry `.default`.
const addFormats = addFormatsModule.default ?? addFormatsModule;

// `verbose` puts the offending `data` on each error, which the "got ..." messages need.
// Two validators: stopping at the first error is the cheap way to learn whether a body is valid;
// listing every error costs per error (seconds for a million), so it runs only on failure, and only
// once the lists it walks are known to be within their limits.
const firstError = compile(false);
const everyError = compile(true);

function compile(allErrors: boolean) {
  const ajv = new Ajv({ allErrors, verbose: true });
  addFormats(ajv, ["uuid", "date-time"]);
  return ajv.compile<NewReport>(newReportSchema);
}

export type NewReportValidation = { ok: true; report: NewReport } | { ok: false; errors: InputError[] };

/** Checks a v3 `POST /report` body against {@link newReportSchema}. */
export function validateNewReport(body: unknown): NewReportValidation {
  if (firstError(body)) return { ok: true, report: body };
  const oversized = oversizedLists(body);
  if (oversized.length > 0) return { ok: false, errors: oversized };
  everyError(body);
  return { ok: false, errors: toInputErrors(everyError.errors ?? []) };
}

/** The lists the schema walks item by item that are over their limits, each as one error. */
function oversizedLists(body: unknown): InputError[] {
  const at = (...keys: string[]): unknown =>
    keys.reduce<unknown>((value, key) => (isRecord(value) ? value[key] : undefined), body);
  const errors: InputError[] = [];
  const prerequisites = at("distribution", "prerequisites");
  const maxItems = V3_COLLECTION_LIMITS.prerequisites;
  if (Array.isArray(prerequisites) && prerequisites.length > maxItems) {
    errors.push({
      path: "/distribution/prerequisites",
      message: `must have at most ${maxItems} items, got ${prerequisites.length}`,
    });
  }
  const maps = [
    ["environment", "toolchain"],
    ["environment", "language", "variables"],
    ["environment", "language", "toolchain"],
    ["environment", "system", "variables"],
  ];
  const maxEntries = V3_COLLECTION_LIMITS.mapEntries;
  for (const path of maps) {
    const map = at(...path);
    const size = isRecord(map) ? Object.keys(map).length : 0;
    if (size > maxEntries) {
      errors.push({ path: `/${path.join("/")}`, message: `must have at most ${maxEntries} entries, got ${size}` });
    }
  }
  return errors;
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
