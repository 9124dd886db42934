import { createHash } from "node:crypto";
import type { NewReport } from "./report.types.js";

/**
 * sha256 (hex) of the report's canonical JSON, leaving out the server-filled `id` and `created`:
 * a resubmission under a known GUID with the same hash is a harmless retry, with another hash a
 * conflict.
 */
export function contentHash(doc: NewReport): string {
  const { id: _id, created: _created, ...content } = doc;
  return createHash("sha256").update(canonicalJson(content)).digest("hex");
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
