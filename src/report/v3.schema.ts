import { LANGUAGE_NAMES, GRADES, OUTPUT_PHASES } from "./report.types.js";

/**
 * JSON Schema (draft-07) of a v3 `NewReport` (PROTOCOLS section 2), ours rather than the
 * original OpenAPI definition: that one declared the Perl 5 version pattern in a definition it
 * never referenced, so `v5.24.1` slipped through; here it is enforced with if/then.
 *
 * Unknown properties stay allowed, as in the original: real clients send extras such as
 * `environment.language.toolchain` and `result.comments`, and rejecting them would turn away
 * reports the old API accepted.
 */

/** The pattern a Perl 5 `environment.language.version` must match (a suffix like ` RC1` is fine). */
export const PERL5_VERSION_PATTERN = "^5\\.\\d+\\.\\d+";

/**
 * The longest lists a report may hold. Real reports name dozens of prerequisites and environment
 * variables; the bounds keep validating (and listing the errors of) a hostile body cheap.
 */
export const V3_COLLECTION_LIMITS = { prerequisites: 5_000, mapEntries: 2_000 } as const;

const str = { type: "string" } as const;
const stringMap = {
  type: "object",
  maxProperties: V3_COLLECTION_LIMITS.mapEntries,
  additionalProperties: str,
} as const;
const count = { type: "integer", minimum: 0 } as const;

const language = {
  type: "object",
  required: ["name", "version", "archname"],
  properties: {
    name: { type: "string", enum: [...LANGUAGE_NAMES] },
    version: str,
    archname: str,
    build: str,
    variables: stringMap,
    commit_id: str,
    implementation: str,
    backend: { type: "object", properties: { engine: str, version: str } },
    toolchain: stringMap,
  },
  if: { type: "object", required: ["name"], properties: { name: { const: "Perl 5" } } },
  then: {
    type: "object",
    properties: { version: { type: "string", pattern: PERL5_VERSION_PATTERN } },
  },
} as const;

const system = {
  type: "object",
  required: ["osname"],
  properties: {
    osname: str,
    osversion: str,
    hostname: str,
    cpu_count: str,
    cpu_type: str,
    cpu_description: str,
    filesystem: str,
    variables: stringMap,
  },
} as const;

const prerequisite = {
  type: "object",
  required: ["phase", "name", "need"],
  properties: { phase: str, name: str, need: str, have: str },
} as const;

const output = {
  type: "object",
  properties: Object.fromEntries(OUTPUT_PHASES.map((phase) => [phase, str])),
  // anyOf of single `required`s rather than minProperties, so `{ "foo": "" }` is still rejected.
  anyOf: OUTPUT_PHASES.map((phase) => ({ required: [phase] })),
} as const;

const result = {
  type: "object",
  required: ["grade", "output"],
  properties: {
    grade: { type: "string", enum: [...GRADES] },
    output,
    tests: count,
    failures: count,
    skipped: count,
    todo: { type: "object", required: ["pass", "fail"], properties: { pass: count, fail: count } },
    warnings: count,
    duration: { type: "number", minimum: 0 },
  },
} as const;

export const newReportSchema = {
  $schema: "http://json-schema.org/draft-07/schema#",
  $id: "urn:cpantesters:v3:new-report",
  type: "object",
  required: ["reporter", "environment", "distribution", "result"],
  properties: {
    id: { type: "string", format: "uuid" },
    created: { type: "string", format: "date-time" },
    reporter: { type: "object", required: ["email"], properties: { name: str, email: str } },
    environment: {
      type: "object",
      required: ["language", "system"],
      properties: { language, system, user_agent: str, toolchain: stringMap },
    },
    distribution: {
      type: "object",
      required: ["name", "version"],
      properties: {
        // An empty name cannot be counted against any release; the original accepted it.
        name: { type: "string", minLength: 1 },
        version: str,
        prerequisites: { type: "array", maxItems: V3_COLLECTION_LIMITS.prerequisites, items: prerequisite },
      },
    },
    result,
    comments: {},
    metabase: {
      type: "object",
      required: ["resource", "creator"],
      properties: { resource: str, creator: str },
    },
  },
} as const;
