import { describe, expect, it } from "vitest";
import { cachedValue } from "./cached-value.js";

/** A source whose reads the test settles by hand, with a clock the test moves. */
function source() {
  const reads: { resolve: (value: number) => void; reject: (error: Error) => void }[] = [];
  const read = () => new Promise<number>((resolve, reject) => reads.push({ resolve, reject }));
  return { reads, read };
}

describe("cachedValue", () => {
  it("serves one read per period, and the stale value while the next read runs", async () => {
    let clock = 0;
    const { reads, read } = source();
    const value = cachedValue(read, 1_000, () => clock);

    const first = value();
    reads[0]?.resolve(1);
    expect(await first).toBe(1);
    clock = 999;
    expect(await value()).toBe(1);
    expect(reads).toHaveLength(1);

    clock = 1_000;
    expect(await value()).toBe(1);
    expect(await value()).toBe(1);
    expect(reads).toHaveLength(2);
    reads[1]?.resolve(2);
    await Promise.resolve();
    expect(await value()).toBe(2);
  });

  it("keeps no failure, and waits for the source once the value is four periods old", async () => {
    let clock = 0;
    const { reads, read } = source();
    const value = cachedValue(read, 1_000, () => clock);
    const failed = value();
    reads[0]?.reject(new Error("down"));
    await expect(failed).rejects.toThrow("down");

    const second = value();
    reads[1]?.resolve(5);
    expect(await second).toBe(5);
    clock = 1_500;
    expect(await value()).toBe(5);
    reads[2]?.reject(new Error("down"));
    await Promise.resolve();

    clock = 4_000;
    const waited = value();
    expect(reads).toHaveLength(4);
    reads[3]?.resolve(6);
    expect(await waited).toBe(6);
  });
});
