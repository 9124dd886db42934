/**
 * Upper bounds (seconds) of the report-to-visible latency buckets, shared by the Prometheus
 * histogram and the per-minute activity rows, so that both give the same percentiles. The roadmap's
 * targets (60 s now, 30 min at most) are bucket edges.
 */
export const LAG_BUCKETS_SECONDS = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600] as const;

/** One minute of one process's work: the row it upserts into activity_minutes. */
export interface ActivityMinute {
  /** The minute's start, in ms since the epoch. */
  minute: number;
  requests: number;
  received: number;
  processed: number;
  /** Counts per LAG_BUCKETS_SECONDS bucket, plus one past the last (slower than an hour). */
  lagBuckets: number[];
}

const MINUTE_MS = 60_000;

/** The bucket a latency falls in: the first whose bound it does not exceed. */
export function lagBucket(seconds: number): number {
  const index = LAG_BUCKETS_SECONDS.findIndex((bound) => seconds <= bound);
  return index === -1 ? LAG_BUCKETS_SECONDS.length : index;
}

/**
 * The latency below which `quantile` of the counted reports fell, as the upper bound of its
 * bucket (as Prometheus' histogram_quantile does, without interpolation); null when nothing counted.
 * Past the last bound it is the last bound: "more than an hour".
 */
export function lagQuantile(buckets: readonly number[], quantile: number): number | null {
  const total = buckets.reduce((sum, n) => sum + n, 0);
  if (total === 0) return null;
  const rank = Math.ceil(total * quantile);
  let seen = 0;
  for (const [index, n] of buckets.entries()) {
    seen += n;
    if (seen >= rank) return LAG_BUCKETS_SECONDS[Math.min(index, LAG_BUCKETS_SECONDS.length - 1)] ?? null;
  }
  return LAG_BUCKETS_SECONDS[LAG_BUCKETS_SECONDS.length - 1] ?? null;
}

/** Adds bucket counts element-wise (rows of several processes or minutes). */
export function addBuckets(into: number[], more: readonly number[]): number[] {
  for (const [index, n] of more.entries()) into[index] = (into[index] ?? 0) + n;
  return into;
}

/**
 * What this process did, per minute, in memory until its heartbeat writes it: a few integers per
 * event, so counting costs the hot paths nothing measurable. Minutes already written and no longer
 * current are forgotten.
 */
export class ActivityCounter {
  private readonly minutes = new Map<number, ActivityMinute & { dirty: boolean }>();

  constructor(private readonly now: () => number = Date.now) {}

  request(): void {
    this.current().requests += 1;
  }

  received(count = 1): void {
    this.current().received += count;
  }

  /** Reports made visible, with how long each took from intake's commit. */
  processed(lagsSeconds: readonly number[]): void {
    const minute = this.current();
    minute.processed += lagsSeconds.length;
    for (const lag of lagsSeconds) {
      const bucket = lagBucket(lag);
      minute.lagBuckets[bucket] = (minute.lagBuckets[bucket] ?? 0) + 1;
    }
  }

  /** The minutes changed since the last call, whole (their rows are replaced, not added to). */
  takeChanged(): ActivityMinute[] {
    const currentMinute = this.minuteOf(this.now());
    const changed: ActivityMinute[] = [];
    for (const [key, minute] of this.minutes) {
      if (minute.dirty) {
        minute.dirty = false;
        const { dirty: _dirty, ...row } = minute;
        changed.push({ ...row, lagBuckets: [...row.lagBuckets] });
      }
      if (key < currentMinute) this.minutes.delete(key);
    }
    return changed;
  }

  /** Marks minutes whose write failed, so the next heartbeat writes them again. */
  restore(rows: readonly ActivityMinute[]): void {
    for (const row of rows) {
      const kept = this.minutes.get(row.minute);
      if (kept) kept.dirty = true;
      else this.minutes.set(row.minute, { ...row, dirty: true });
    }
  }

  private current(): ActivityMinute & { dirty: boolean } {
    const key = this.minuteOf(this.now());
    let minute = this.minutes.get(key);
    if (!minute) {
      const lagBuckets = new Array<number>(LAG_BUCKETS_SECONDS.length + 1).fill(0);
      minute = { minute: key, requests: 0, received: 0, processed: 0, lagBuckets, dirty: true };
      this.minutes.set(key, minute);
    }
    minute.dirty = true;
    return minute;
  }

  private minuteOf(ms: number): number {
    return ms - (ms % MINUTE_MS);
  }
}
