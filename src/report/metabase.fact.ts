import { describeValue, isRecord, pointerJoin } from "./input.describe.js";
import type { InputError } from "./report.types.js";

/** The fact types the Metabase protocol uses (PROTOCOLS section 1). */
export const FACT_TYPES = {
  report: "CPAN-Testers-Report",
  legacyReport: "CPAN-Testers-Fact-LegacyReport",
  testSummary: "CPAN-Testers-Fact-TestSummary",
  profile: "Metabase-User-Profile",
  secret: "Metabase-User-Secret",
  fullName: "Metabase-User-FullName",
  email: "Metabase-User-EmailAddress",
} as const;

/** `metadata.core` of a fact as clients send it. */
export interface FactCore {
  guid: string;
  type: string;
  resource: string;
  creator?: string;
  /** `YYYY-MM-DDTHH:MM:SSZ` */
  creation_time?: string;
  update_time?: string;
  schema_version?: number;
  valid?: number;
}

/** A fact in its submitted form: `content` is always a string, often JSON text. */
export interface MetabaseFact {
  content: string;
  metadata: { core: FactCore };
}

/** A fact whose envelope checked out; `core.guid` is lowercase, `core.type` uses dashes. */
export interface ReadFact {
  core: FactCore;
  content: string;
  path: string;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: InputError[] };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** Checks the `{content, metadata: {core}}` envelope of the fact found at `path`. */
export function readFact(value: unknown, path: string, expectedType?: string): Parsed<ReadFact> {
  const errors: InputError[] = [];
  const fail = (at: string, message: string): Parsed<ReadFact> => ({ ok: false, errors: [{ path: at, message }] });
  if (!isRecord(value))
    return fail(
      path,
      `must be a Metabase fact {"content": ..., "metadata": {"core": ...}}, got ${describeValue(value)}`,
    );
  const metadata = value.metadata;
  const core = isRecord(metadata) ? metadata.core : undefined;
  const corePath = `${path}/metadata/core`;
  if (!isRecord(core))
    return fail(corePath, `must be an object with guid, type and resource, got ${describeValue(core)}`);
  const type = typeof core.type === "string" ? core.type.replace(/::/g, "-") : undefined;
  if (type === undefined)
    errors.push({ path: `${corePath}/type`, message: `must be a fact type string, got ${describeValue(core.type)}` });
  else if (expectedType !== undefined && type !== expectedType) {
    errors.push({
      path: `${corePath}/type`,
      message: `must be ${JSON.stringify(expectedType)}, got ${describeValue(core.type)}`,
    });
  }
  const guid = typeof core.guid === "string" ? core.guid.trim() : undefined;
  if (guid === undefined || !isUuid(guid)) {
    errors.push({ path: `${corePath}/guid`, message: `must be a uuid, got ${describeValue(core.guid)}` });
  }
  if (typeof core.resource !== "string" || core.resource === "") {
    errors.push({
      path: `${corePath}/resource`,
      message: `must be a non-empty string, got ${describeValue(core.resource)}`,
    });
  }
  for (const key of ["creator", "creation_time", "update_time"] as const) {
    if (core[key] !== undefined && typeof core[key] !== "string") {
      errors.push({ path: pointerJoin(corePath, key), message: `must be a string, got ${describeValue(core[key])}` });
    }
  }
  if (typeof value.content !== "string") {
    errors.push({
      path: `${path}/content`,
      message: `must be a string (the fact's serialised content), got ${describeValue(value.content)}`,
    });
  }
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      core: { ...(core as unknown as FactCore), guid: (guid ?? "").toLowerCase(), type: type ?? "" },
      content: value.content as string,
      path,
    },
  };
}

/**
 * Parses JSON-encoded content. A result that is itself JSON text inside a string is decoded
 * again (twice at most): some clients encode one level more than the protocol asks.
 */
export function decodeJsonContent(content: string, path: string): Parsed<unknown> {
  let value: unknown;
  try {
    value = JSON.parse(content);
  } catch (error) {
    const reason = error instanceof Error ? ` (${error.message})` : "";
    return { ok: false, errors: [{ path, message: `must be JSON text, got ${describeValue(content)}${reason}` }] };
  }
  for (let extra = 0; extra < 2 && typeof value === "string" && /^\s*[[{]/.test(value); extra++) {
    try {
      value = JSON.parse(value);
    } catch {
      break;
    }
  }
  return { ok: true, value };
}

/**
 * Text content of a string fact (full name, e-mail, secret). Metabase::Fact::String sends it as
 * is; a value that arrives JSON-quoted (`"\"Jörg\""`) is unquoted.
 */
export function stringContent(content: string): string {
  if (!/^\s*".*"\s*$/s.test(content)) return content;
  try {
    const value: unknown = JSON.parse(content);
    return typeof value === "string" ? value : content;
  } catch {
    return content;
  }
}

/** `creation_time` as an ISO date-time; Metabase times carry no zone when sloppy, and are UTC. */
export function metabaseTime(value: string | undefined): string | null {
  const match = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2}(?:\.\d+)?)(Z|[+-]\d{2}:?\d{2})?$/i.exec(
    value?.trim() ?? "",
  );
  if (!match) return null;
  const date = new Date(`${match[1]}T${match[2]}${match[3] ?? "Z"}`);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
