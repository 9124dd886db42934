import { createHash } from "node:crypto";
import { withoutNulChars } from "./storable.js";
import type { NewReport, ReportDocument } from "./report.types.js";

/**
 * sha256 (hex) of the report's canonical JSON, leaving out the server-filled `id` and `created`:
 * a resubmission under a known GUID with the same hash is a harmless retry, with another hash a
 * conflict.
 */
export function contentHash(doc: NewReport): string {
  const { id: _id, created: _created, ...content } = doc;
  return sha256(canonicalJson(content));
}

/** A report ready to store: its JSON text and the hash of its content. */
export interface SerializedReport {
  json: string;
  contentHash: string;
}

/**
 * The document's JSON text and its content hash from one serialisation, the costliest step of
 * intake after parsing: the canonical JSON of the content is hashed, and the stored text is the
 * same JSON with `id` and `created` put in front (jsonb keeps no key order of its own).
 *
 * Postgres cannot store U+0000, which JSON writes as `\u0000`: a report whose text shows one has
 * it replaced (withoutNulChars) and is serialised again.
 */
export function serializeReport(doc: ReportDocument): SerializedReport {
  const { id, created, ...content } = doc;
  const canonical = canonicalJson(content);
  if (canonical.includes("\\u0000")) {
    const repaired = withoutNulChars(doc);
    if (repaired !== doc) return serializeReport(repaired);
  }
  const head = JSON.stringify({ id, created });
  const json = canonical === "{}" ? head : `${head.slice(0, -1)},${canonical.slice(1)}`;
  return { json, contentHash: sha256(canonical) };
}

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/**
 * JSON with object keys sorted at every depth; `undefined` members are dropped, as JSON.stringify
 * does. The sorting happens in a replacer, so the native serialiser still writes every string.
 */
export function canonicalJson(value: unknown): string {
  return (
    JSON.stringify(value, (_key, member: unknown) => (isPlainObject(member) ? sortedKeys(member) : member)) ?? "null"
  );
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function sortedKeys(object: Record<string, unknown>): Record<string, unknown> {
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(object).sort()) sorted[key] = object[key];
  return sorted;
}
