const MAX_SHOWN = 60;

/**
 * A short, human-readable rendering of a received value for error messages ("got ...").
 * Long strings are cut so a 10 KB text report never ends up inside an error.
 */
export function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (typeof value === "string") {
    const shown = value.length > MAX_SHOWN ? `${value.slice(0, MAX_SHOWN)}…` : value;
    return JSON.stringify(shown);
  }
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === "object") return "an object";
  return typeof value;
}

/** Appends one reference token to a JSON pointer, escaping `~` and `/` (RFC 6901). */
export function pointerJoin(base: string, token: string | number): string {
  return `${base}/${String(token).replace(/~/g, "~0").replace(/\//g, "~1")}`;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
