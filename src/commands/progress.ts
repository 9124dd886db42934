import cliProgress from "cli-progress";

/**
 * The progress line of long commands: count, share, bar, rate and ETA, redrawn in place by
 * cli-progress (at most ten times a second: a terminal write per batch would cost more than the
 * batch). Silent when the stream is not a terminal (logs get the command's own summary instead)
 * or when asked to be quiet.
 */
export interface Progress {
  start(total: number, label: string): void;
  /** Adds `n` (default 1) to the count done. */
  increment(n?: number): void;
  /** Sets the count done, for callers that know the total so far rather than each step. */
  update(done: number): void;
  /** Draws the final line. Call it whatever happened: the bar holds a timer until then. */
  stop(): void;
}

export interface ProgressOptions {
  quiet?: boolean;
  /** Where the line goes (default stderr, so that stdout stays the command's output). */
  stream?: NodeJS.WriteStream;
}

const SILENT: Progress = { start() {}, increment() {}, update() {}, stop() {} };

export function createProgress(options: ProgressOptions = {}): Progress {
  const stream = options.stream ?? process.stderr;
  if (options.quiet || !stream.isTTY) return SILENT;
  let label = "";
  const bar = new cliProgress.SingleBar({
    stream,
    format: (_options, params) =>
      formatProgress(
        label,
        params.value,
        params.total,
        (params.stopTime ?? Date.now()) - params.startTime,
        Math.min(30, (stream.columns ?? 80) - 70),
      ),
  });
  return {
    start(total, name) {
      label = name;
      bar.start(total, 0);
    },
    increment: (n = 1) => bar.increment(n),
    update: (done) => bar.update(done),
    stop: () => bar.stop(),
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
