/**
 * Postgres text and jsonb cannot hold U+0000, and test output now and then carries one (a binary
 * dumped to the terminal). Replacing it with U+FFFD keeps the report storable instead of losing it.
 * Almost no report has one, so the value is first only searched, and copied only when needed.
 */
export function withoutNulChars<T>(value: T): T {
  return containsNul(value) ? replaceNul(value) : value;
}

function containsNul(value: unknown): boolean {
  if (typeof value === "string") return value.includes("\u0000");
  if (Array.isArray(value)) return value.some(containsNul);
  if (typeof value === "object" && value !== null) {
    for (const key in value) {
      if (key.includes("\u0000") || containsNul((value as Record<string, unknown>)[key])) return true;
    }
  }
  return false;
}

function replaceNul<T>(value: T): T {
  if (typeof value === "string") return value.replaceAll("\u0000", "\uFFFD") as T;
  if (Array.isArray(value)) return value.map((item: unknown) => replaceNul(item)) as T;
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, member]) => [replaceNul(key), replaceNul(member as unknown)]),
    ) as T;
  }
  return value;
}
