/** A development series of perl 5 has an odd minor number (5.41); stable ones are even (5.40). */
export function isDevSeries(series: string): boolean {
  const minor = Number(series.split(".")[1]);
  return Number.isInteger(minor) && minor % 2 === 1;
}

/** Newest series first: 5.40 before 5.8. */
export function bySeriesDescending(a: string, b: string): number {
  const [am = 0, an = 0] = a.split(".").map(Number);
  const [bm = 0, bn = 0] = b.split(".").map(Number);
  return bm - am || bn - an;
}
