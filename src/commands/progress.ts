/**
 * A one-line progress bar with rate and ETA. On a terminal it redraws in place; elsewhere (CI
 * logs) it prints a line every tenth of the way, so logs stay short.
 */
export interface Progress {
  update(done: number): void;
  finish(): void;
}

export function createProgress(label: string, total: number, stream: NodeJS.WriteStream = process.stderr): Progress {
  const started = performance.now();
  let lastDraw = 0;
  let lastTenth = -1;
  const draw = (done: number, force: boolean) => {
    const now = performance.now();
    const elapsed = now - started;
    if (stream.isTTY) {
      // Redraw at most ten times a second: a terminal write per batch would cost more than the batch.
      if (!force && now - lastDraw < 100) return;
      lastDraw = now;
      stream.write(`\r${formatProgress(label, done, total, elapsed, Math.min(30, (stream.columns ?? 80) - 70))}\x1b[K`);
    } else {
      const tenth = Math.floor((done / Math.max(1, total)) * 10);
      if (tenth === lastTenth && !force) return;
      lastTenth = tenth;
      stream.write(`${formatProgress(label, done, total, elapsed, 0)}\n`);
    }
  };
  return {
    update: (done) => draw(done, false),
    finish() {
      draw(total, true);
      if (stream.isTTY) stream.write("\n");
    },
  };
}

/** `label  512,000/1,000,000  51.2% [###...]  8,123/s  ETA 1m 02s` (no bar when `barWidth` < 1). */
export function formatProgress(
  label: string,
  done: number,
  total: number,
  elapsedMs: number,
  barWidth: number,
): string {
  const fraction = total > 0 ? Math.min(1, done / total) : 1;
  const rate = elapsedMs > 0 ? (done / elapsedMs) * 1000 : 0;
  const eta = rate > 0 ? ((total - done) / rate) * 1000 : Number.NaN;
  const filled = Math.round(fraction * Math.max(0, barWidth));
  const bar = barWidth >= 1 ? ` [${"#".repeat(filled)}${".".repeat(barWidth - filled)}]` : "";
  const count = `${done.toLocaleString("en-US")}/${total.toLocaleString("en-US")}`;
  const tail = done >= total ? `in ${formatDuration(elapsedMs)}` : `ETA ${formatDuration(eta)}`;
  return `${label}  ${count}  ${(fraction * 100).toFixed(1)}%${bar}  ${Math.round(rate).toLocaleString("en-US")}/s  ${tail}`;
}

/** `1h 02m`, `3m 07s`, `42s`; `--` when unknown. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return "--";
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m ${String(seconds % 60).padStart(2, "0")}s`;
  return `${Math.floor(minutes / 60)}h ${String(minutes % 60).padStart(2, "0")}m`;
}
