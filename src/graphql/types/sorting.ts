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
