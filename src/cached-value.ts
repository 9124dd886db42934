/**
 * A value read at most once per `maxAgeMs` and served from memory meanwhile. Once stale it is still
 * served while one read runs for the callers after: only the very first caller, and a caller finding
 * it older than four periods (its reads keep failing), waits for the source. A failed read is not
 * kept; the next caller after it starts another.
 */
export function cachedValue<T>(
  read: () => Promise<T>,
  maxAgeMs: number,
  now: () => number = Date.now,
): () => Promise<T> {
  let last: { at: number; value: T } | undefined;
  let running: Promise<T> | undefined;
  const refresh = () => {
    running ??= read().then(
      (value) => {
        last = { at: now(), value };
        running = undefined;
        return value;
      },
      (error: unknown) => {
        running = undefined;
        throw error;
      },
    );
    return running;
  };
  return async () => {
    const age = last ? now() - last.at : Infinity;
    if (!last || age >= 4 * maxAgeMs) return refresh();
    if (age >= maxAgeMs) refresh().catch(() => undefined);
    return last.value;
  };
}
