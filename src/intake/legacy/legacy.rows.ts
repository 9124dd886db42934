import type { ImportReject } from "../../db/queries/legacy-import.queries.js";
import { distMaturity, type InputError } from "../../report/index.js";
import type { NewUpload } from "../../report/upload-list.js";
import type { SourceRow } from "./mysql.source.js";

/* One legacy row's cells as the platform's values, and a refused row as the import records it. */

export function toUpload(row: SourceRow): NewUpload | { errors: InputError[] } {
  const errors: InputError[] = [];
  const text = (key: string) => cell(row[key]).trim();
  for (const key of ["author", "dist", "version", "filename"]) {
    if (text(key) === "") errors.push({ path: `/${key}`, message: "must not be empty" });
  }
  const released = Number(row.released);
  if (!Number.isSafeInteger(released) || released < 0) {
    errors.push({ path: "/released", message: `must be epoch seconds, got ${JSON.stringify(row.released)}` });
  }
  if (errors.length > 0) return { errors };
  return {
    dist: text("dist"),
    version: text("version"),
    author: text("author").toUpperCase(),
    filename: text("filename"),
    releasedAt: new Date(released * 1000),
    maturity: distMaturity(text("version"), text("filename")),
    location: text("type") === "backpan" ? "backpan" : "cpan",
  };
}

/** A column's value as text: MySQL hands over strings, numbers, Buffers (blobs) or null. */
export function cell(value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "bigint") return String(value);
  if (Buffer.isBuffer(value)) return value.toString("utf8");
  return value === null || value === undefined ? "" : JSON.stringify(value);
}

/** A JSON column: MariaDB hands JSON over as text, MySQL as a parsed value. */
export function readJson(value: unknown): { ok: true; value: unknown } | { ok: false; errors: InputError[] } {
  if (typeof value !== "string" && !Buffer.isBuffer(value)) return { ok: true, value };
  try {
    return { ok: true, value: JSON.parse(value.toString()) };
  } catch (error) {
    return {
      ok: false,
      errors: [{ path: "/report", message: `must be JSON, got unreadable text (${(error as Error).message})` }],
    };
  }
}

/** `YYYY-MM-DD HH:MM:SS` (UTC, as the session reads it) as ISO 8601. */
export function mysqlTime(value: unknown): string {
  return `${cell(value).trim().replace(" ", "T")}Z`;
}

export function asBuffer(value: unknown): Buffer | null {
  if (value === null || value === undefined) return null;
  return Buffer.isBuffer(value) ? value : Buffer.from(cell(value));
}

export function rawText(value: unknown): Buffer | null {
  if (value === null || value === undefined) return null;
  return Buffer.isBuffer(value) ? value : Buffer.from(typeof value === "string" ? value : JSON.stringify(value));
}

export function reject(
  sourceTable: string,
  key: unknown,
  errors: InputError[],
  raw: Buffer | string | null,
): ImportReject {
  return {
    sourceTable,
    sourceKey: String(key),
    reason: reasonOf(errors),
    errors: errors.slice(0, 100),
    raw: typeof raw === "string" ? Buffer.from(raw) : raw,
  };
}

/** The first problem without the value that caused it, so that the same kind of problem groups. */
export function reasonOf(errors: readonly InputError[]): string {
  const [first] = errors;
  if (!first) return "invalid";
  return `${first.path || "/"} ${first.message.replace(/, got .*$/s, "")}`;
}
