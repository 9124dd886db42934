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

/**
 * The distinct values in `order`, each with its place: a matrix sorts hundreds of cells by a few
 * dozen distinct names, so it collates the names once and then compares the places.
 */
export function ranked(values: Iterable<string>, order: (a: string, b: string) => number): Map<string, number> {
  return new Map([...new Set(values)].sort(order).map((value, place) => [value, place]));
}
