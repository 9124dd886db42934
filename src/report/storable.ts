/**
 * Postgres text and jsonb cannot hold U+0000, and test output now and then carries one (a binary
 * dumped to the terminal). Replacing it with U+FFFD keeps the report storable instead of losing it.
 */
export function withoutNulChars<T>(value: T): T {
  if (typeof value === "string") return (value.includes("\u0000") ? value.replaceAll("\u0000", "\uFFFD") : value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => withoutNulChars(item)) as T;
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, member]) => [withoutNulChars(key), withoutNulChars(member as unknown)]),
    ) as T;
  }
  return value;
}
