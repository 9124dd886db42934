/*
 * Orders for lists sorted in code rather than by the database, whose collation varies between
 * deployments. One Intl.Collator each: `localeCompare` with options builds a new one per call,
 * which costs milliseconds over a matrix of a few hundred cells.
 */
const names = new Intl.Collator("en");
const numbers = new Intl.Collator("en", { numeric: true });

/** darwin, linux, MSWin32: alphabetical, ignoring case. */
export const byName = (a: string, b: string): number => names.compare(a, b);

/** 5.40 before 5.8, 1.10 before 1.9: newest first by the numbers in the text. */
export const byNumbersDescending = (a: string, b: string): number => numbers.compare(b, a);

type Order = (a: string, b: string) => number;

/**
 * Sorts items in place by two text keys, each in its own order, and returns each key's distinct
 * values in that order (a matrix's row and column headings). The few distinct values are collated
 * once, each item gets its rank from their places once, and the sort compares numbers: a matrix
 * has hundreds of cells but a few dozen names.
 */
export function sortByKeys<Item>(
  items: Item[],
  [firstKey, firstOrder]: [(item: Item) => string, Order],
  [secondKey, secondOrder]: [(item: Item) => string, Order],
): [string[], string[]] {
  const places = (key: (item: Item) => string, order: Order) =>
    new Map([...new Set(items.map(key))].sort(order).map((value, place) => [value, place]));
  const first = places(firstKey, firstOrder);
  const second = places(secondKey, secondOrder);
  const ranked = items.map((item) => ({
    item,
    rank: (first.get(firstKey(item)) ?? 0) * second.size + (second.get(secondKey(item)) ?? 0),
  }));
  ranked.sort((a, b) => a.rank - b.rank);
  ranked.forEach(({ item }, index) => (items[index] = item));
  return [[...first.keys()], [...second.keys()]];
}
