/** Summary figures of a set of latency samples (milliseconds). */
export interface LatencySummary {
  medianMs: number;
  p99Ms: number;
  samples: number;
}

/** The nearest-rank percentile (0 < p <= 100) of unsorted samples; NaN for none. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] as number;
}

export function summarise(samples: readonly number[]): LatencySummary {
  return { medianMs: percentile(samples, 50), p99Ms: percentile(samples, 99), samples: samples.length };
}
