import type { IntakeJsonLimits } from "../config.js";
import { pointerJoin } from "./input.describe.js";
import type { InputError } from "./report.types.js";

/**
 * Bounds on the shape of a JSON input, beside the byte size of the body (settings
 * INTAKE_MAX_JSON_DEPTH and INTAKE_MAX_STRING_LENGTH, defaults in config.ts).
 */
export type JsonLimits = IntakeJsonLimits;

/**
 * How deep `text` (JSON) nests, found by a scan of its characters before it is parsed, so that a
 * body nested a million levels costs one pass instead of a parse and a walk. Stops at the first
 * level over `maxDepth`: the answer is then `maxDepth + 1`.
 */
export function jsonDepth(text: string, maxDepth: number): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // a backslash: the next character is escaped
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      depth++;
      if (depth > deepest) deepest = depth;
      if (depth > maxDepth) return depth;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return deepest;
}

/** The error for a body over the depth limit, or null. */
export function depthError(text: string, maxDepth: number): InputError | null {
  return jsonDepth(text, maxDepth) > maxDepth
    ? { path: "", message: `must not nest arrays and objects more than ${maxDepth} levels deep` }
    : null;
}

/**
 * Every string of a parsed value (member names too) that cannot be stored or is over the length
 * limit: a lone UTF-16 surrogate (`"\ud800"`) is valid JSON but no text Postgres can hold, so it
 * is refused here rather than failing the INSERT. Values nested deeper than `maxDepth` are
 * refused as well (the input may not have come from a body checked by {@link depthError}).
 */
export function jsonValueErrors(value: unknown, limits: JsonLimits): InputError[] {
  const errors: InputError[] = [];
  const visit = (member: unknown, path: string, depth: number): void => {
    if (typeof member === "string") {
      const problem = stringProblem(member, limits.maxStringLength);
      if (problem) errors.push({ path, message: problem });
      return;
    }
    if (typeof member !== "object" || member === null) return;
    if (depth >= limits.maxDepth) {
      errors.push({ path, message: `must not nest arrays and objects more than ${limits.maxDepth} levels deep` });
      return;
    }
    if (Array.isArray(member)) {
      member.forEach((item, index) => visit(item, pointerJoin(path, index), depth + 1));
      return;
    }
    for (const [key, item] of Object.entries(member)) {
      const itemPath = pointerJoin(path, key);
      const problem = stringProblem(key, limits.maxStringLength);
      if (problem) errors.push({ path: itemPath, message: `member name ${problem}` });
      visit(item, itemPath, depth + 1);
    }
  };
  visit(value, "", 0);
  return errors;
}

function stringProblem(text: string, maxLength: number): string | null {
  if (text.length > maxLength) return `must be at most ${maxLength} characters long, got ${text.length}`;
  const lone = LONE_SURROGATE.exec(text);
  return lone ? `must be well-formed Unicode, got a lone surrogate at character ${lone.index}` : null;
}

// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
