/**
 * Fisher's exact test on a 2×2 table, two-sided: the probability, given the margins, of a table
 * at least as unlikely as this one. Exact for any counts a release has.
 *
 *              with   without
 *   fail        a       b
 *   pass        c       d
 */
export function fisherExact(a: number, b: number, c: number, d: number): number {
  const [row1, row2, col1, n] = [a + b, c + d, a + c, a + b + c + d];
  const logFact = logFactorials(n);
  const logP = (x: number) =>
    (logFact[row1] ?? 0) +
    (logFact[row2] ?? 0) +
    (logFact[col1] ?? 0) +
    (logFact[n - col1] ?? 0) -
    (logFact[n] ?? 0) -
    (logFact[x] ?? 0) -
    (logFact[row1 - x] ?? 0) -
    (logFact[col1 - x] ?? 0) -
    (logFact[row2 - col1 + x] ?? 0);
  const observed = logP(a);
  let p = 0;
  for (let x = Math.max(0, col1 - row2); x <= Math.min(row1, col1); x++) {
    const log = logP(x);
    // A relative tolerance, so that tables as likely as the observed one count despite rounding.
    if (log <= observed + 1e-7) p += Math.exp(log);
  }
  return Math.min(1, p);
}

let cached: Float64Array = new Float64Array([0]);

function logFactorials(n: number): Float64Array {
  if (cached.length > n) return cached;
  const table = new Float64Array(n + 1);
  for (let i = 1; i <= n; i++) table[i] = (table[i - 1] ?? 0) + Math.log(i);
  cached = table;
  return table;
}

/**
 * Holm's step-down adjustment: each p-value multiplied by the number of hypotheses not yet
 * rejected, kept monotone. Controls the chance of any false discovery among all factors tried.
 */
export function holmAdjust(pValues: readonly number[]): number[] {
  const order = pValues.map((p, index) => ({ p, index })).sort((x, y) => x.p - y.p);
  const adjusted = new Array<number>(pValues.length);
  let running = 0;
  order.forEach(({ p, index }, rank) => {
    running = Math.max(running, Math.min(1, (pValues.length - rank) * p));
    adjusted[index] = running;
  });
  return adjusted;
}
