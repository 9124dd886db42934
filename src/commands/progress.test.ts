import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createProgress, formatDuration, formatProgress } from "./progress.js";

/** A stream that keeps what is written to it; `isTTY` says whether it claims to be a terminal. */
function capture(isTTY: boolean) {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  Object.assign(stream, { isTTY, columns: 80 });
  return { stream: stream as unknown as NodeJS.WriteStream, text: () => chunks.join("") };
}

describe("formatProgress", () => {
  it("shows count, share, bar, rate and time left", () => {
    expect(formatProgress("loading", 250, 1000, 5000, 8)).toBe("loading  250/1,000  25.0% [##......]  50/s  ETA 15s");
  });

  it("shows the total time once done, and no bar when there is no room", () => {
    expect(formatProgress("loading", 1000, 1000, 125_000, 0)).toBe("loading  1,000/1,000  100.0%  8/s  in 2m 05s");
  });

  it("does not guess an ETA before anything is done", () => {
    expect(formatProgress("loading", 0, 10, 0, 0)).toBe("loading  0/10  0.0%  0/s  ETA --");
  });
});

describe("formatDuration", () => {
  it("picks the two largest units", () => {
    expect(formatDuration(42_000)).toBe("42s");
    expect(formatDuration(187_000)).toBe("3m 07s");
    expect(formatDuration(3_720_000)).toBe("1h 02m");
    expect(formatDuration(Number.NaN)).toBe("--");
  });
});

describe("createProgress", () => {
  it("draws the line on a terminal, and the total time when stopped", () => {
    const out = capture(true);
    const progress = createProgress({ stream: out.stream });
    progress.start(1000, "loading");
    progress.increment(200);
    progress.update(1000);
    progress.stop();
    expect(out.text()).toContain("loading  0/1,000  0.0% [..........]  0/s  ETA --");
    expect(out.text()).toMatch(/loading {2}1,000\/1,000 {2}100\.0% \[##########\] {2}[\d,]+\/s {2}in \d+s/);
    // The next output starts on a line of its own.
    expect(out.text().endsWith("\n")).toBe(true);
  });

  it("writes nothing when the stream is not a terminal", () => {
    const out = capture(false);
    const progress = createProgress({ stream: out.stream });
    progress.start(10, "loading");
    progress.increment(10);
    progress.stop();
    expect(out.text()).toBe("");
  });

  it("writes nothing when asked to be quiet, even on a terminal", () => {
    const out = capture(true);
    const progress = createProgress({ stream: out.stream, quiet: true });
    progress.start(10, "loading");
    progress.increment(10);
    progress.stop();
    expect(out.text()).toBe("");
  });
});
