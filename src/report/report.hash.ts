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

/** JSON with object keys sorted at every depth; `undefined` members are dropped, as JSON.stringify does. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item ?? null)).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value)
      .filter(([, member]) => member !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, member]) => `${JSON.stringify(key)}:${canonicalJson(member)}`);
    return `{${entries.join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}
