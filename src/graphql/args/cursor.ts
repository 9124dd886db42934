import { badArgument } from "./arguments.js";

/*
 * Cursors are opaque to clients: base64url of a JSON array holding the connection's name and the
 * sort key of the last row. The name stops a cursor of one list from being used on another; the
 * key makes pages keyset-based, so rows added meanwhile never shift a page.
 */
export type CursorKey = (string | number | null)[];

export function encodeCursor(connection: string, key: CursorKey): string {
  return Buffer.from(JSON.stringify([connection, ...key])).toString("base64url");
}

/** The key in a cursor of `connection`, checked against the shape `check` expects. */
export function decodeCursor<Key extends CursorKey>(
  connection: string,
  cursor: string,
  check: (key: CursorKey) => key is Key,
): Key {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    decoded = undefined;
  }
  if (Array.isArray(decoded) && decoded[0] === connection) {
    const key = decoded.slice(1) as CursorKey;
    if (check(key)) return key;
  }
  throw badArgument("after", "a cursor this list returned (pageInfo.endCursor or an edge's cursor)", cursor);
}

export const isOneString = (key: CursorKey): key is [string] => key.length === 1 && typeof key[0] === "string";

export const isThreeStrings = (key: CursorKey): key is [string, string, string] =>
  key.length === 3 && key.every((part) => typeof part === "string");
