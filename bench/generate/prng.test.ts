import { describe, expect, it } from "vitest";
import {
  createRandom,
  deriveSeed,
  indexedUuid,
  randomUuid,
  WeightedSampler,
  weightedPicker,
  zipfWeights,
} from "./prng.js";

describe("createRandom", () => {
  it("gives the same sequence for the same seed and another for another seed", () => {
    const draw = (seed: number) => {
      const random = createRandom(seed);
      return Array.from({ length: 5 }, () => random.next());
    };
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
  });

  it("keeps floats in [0, 1) and integers within their bounds", () => {
    const random = createRandom(1);
    for (let i = 0; i < 10_000; i++) {
      const value = random.next();
      expect(value >= 0 && value < 1).toBe(true);
      const n = random.int(3, 5);
      expect(n >= 3 && n <= 5 && Number.isInteger(n)).toBe(true);
    }
  });

  it("refuses to pick from an empty list", () => {
    expect(() => createRandom(1).pick([])).toThrow("pick needs at least one item, got an empty list");
  });
});

describe("deriveSeed", () => {
  it("gives unrelated seeds to neighbouring indexes and streams", () => {
    const seeds = new Set<number>();
    for (let stream = 0; stream < 4; stream++) for (let i = 0; i < 1000; i++) seeds.add(deriveSeed(42, stream, i));
    expect(seeds.size).toBe(4000);
  });
});

describe("WeightedSampler", () => {
  it("draws indexes in proportion to their weights", () => {
    const sampler = new WeightedSampler([1, 0, 3]);
    const random = createRandom(3);
    const counts = [0, 0, 0];
    for (let i = 0; i < 40_000; i++) counts[sampler.draw(random)]! += 1;
    expect(counts[1]).toBe(0);
    expect((counts[2] as number) / 40_000).toBeCloseTo(0.75, 1);
    expect(sampler.share(2)).toBe(0.75);
  });

  it("rejects weights it cannot sample from", () => {
    expect(() => new WeightedSampler([])).toThrow("needs at least one weight");
    expect(() => new WeightedSampler([0, 0])).toThrow("needs a positive total weight");
    expect(() => new WeightedSampler([1, -1])).toThrow("weights must be >= 0, got -1 at 1");
  });

  it("picks labels by weight", () => {
    const pick = weightedPicker({ a: 1, b: 0 });
    expect(pick(createRandom(1))).toBe("a");
  });
});

describe("zipfWeights and randomUuid", () => {
  it("makes weights that fall with rank", () => {
    expect(zipfWeights(3, 1)).toEqual([1, 1 / 2, 1 / 3]);
  });

  it("makes version 4 uuids that are unique and repeatable", () => {
    const random = createRandom(9);
    const ids = Array.from({ length: 1000 }, () => randomUuid(random));
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(1000);
    expect(randomUuid(createRandom(9))).toBe(ids[0]);
  });
});

describe("indexedUuid", () => {
  it("never repeats within a seed, where 32-bit per-item seeds would", () => {
    const ids = new Set<string>();
    for (let index = 0; index < 200_000; index++) ids.add(indexedUuid(5, index));
    expect(ids.size).toBe(200_000);
    expect(indexedUuid(5, 123)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(indexedUuid(5, 123)).toBe(indexedUuid(5, 123));
    expect(indexedUuid(6, 123)).not.toBe(indexedUuid(5, 123));
    // 200,000 ids: seconds of CPU on a busy machine.
  }, 60_000);
});
