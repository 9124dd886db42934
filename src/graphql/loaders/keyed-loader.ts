import DataLoader from "dataloader";

/**
 * A DataLoader over a batch query that returns rows in any order: one statement per tick for
 * every key asked, results back in key order, `missing` for keys without a row.
 */
export function keyedLoader<Key, Row, Result = Row | null>(
  fetch: (keys: readonly Key[]) => Promise<Row[]>,
  keyOfKey: (key: Key) => string,
  keyOfRow: (row: Row) => string,
  collect: (rows: Row[] | undefined) => Result = (rows) => (rows?.[0] ?? null) as Result,
): DataLoader<Key, Result, string> {
  return new DataLoader(
    async (keys) => {
      const found = new Map<string, Row[]>();
      for (const row of await fetch(keys)) {
        const key = keyOfRow(row);
        const rows = found.get(key);
        if (rows) rows.push(row);
        else found.set(key, [row]);
      }
      return keys.map((key) => collect(found.get(keyOfKey(key))));
    },
    { cacheKeyFn: keyOfKey },
  );
}
