/**
 * A small seeded PRNG (mulberry32) and the sampling helpers the generator needs. Every random
 * choice of the benchmark data flows through here, so one seed gives the same data on any machine
 * and any Node version (Math.random would not).
 */

export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both included. */
  int(min: number, max: number): number;
  /** True with probability `p`. */
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** 32 random bits as an unsigned integer. */
  uint32(): number;
}

/** mulberry32: 32 bits of state, passes the usual statistical batteries well enough for test data. */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const uint32 = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  const next = (): number => uint32() / 4_294_967_296;
  return {
    next,
    uint32,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick<T>(items: readonly T[]): T {
      if (items.length === 0) throw new RangeError("pick needs at least one item, got an empty list");
      return items[Math.floor(next() * items.length)] as T;
    },
  };
}

/**
 * A seed for item `index` of stream `stream`, so that report 123456 can be made without making
 * the 123455 before it (and in any order, by any worker).
 */
export function deriveSeed(seed: number, stream: number, index: number): number {
  // splitmix32-style finaliser over the three inputs: nearby indexes give unrelated seeds.
  let h = (seed ^ Math.imul(stream + 1, 0x9e3779b9) ^ Math.imul(index + 1, 0x85ebca6b)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Draws indexes with the given relative weights in O(log n) per draw. */
export class WeightedSampler {
  private readonly cumulative: Float64Array;

  constructor(weights: readonly number[]) {
    if (weights.length === 0) throw new RangeError("WeightedSampler needs at least one weight, got none");
    this.cumulative = new Float64Array(weights.length);
    let total = 0;
    weights.forEach((weight, index) => {
      if (!(weight >= 0)) throw new RangeError(`weights must be >= 0, got ${weight} at ${index}`);
      total += weight;
      this.cumulative[index] = total;
    });
    if (total <= 0) throw new RangeError("WeightedSampler needs a positive total weight, got 0");
  }

  get size(): number {
    return this.cumulative.length;
  }

  /** The share of draws that index `index` gets. */
  share(index: number): number {
    const total = this.cumulative[this.cumulative.length - 1] as number;
    const before = index === 0 ? 0 : (this.cumulative[index - 1] as number);
    return ((this.cumulative[index] as number) - before) / total;
  }

  draw(random: Random): number {
    const target = random.next() * (this.cumulative[this.cumulative.length - 1] as number);
    let low = 0;
    let high = this.cumulative.length - 1;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((this.cumulative[mid] as number) > target) high = mid;
      else low = mid + 1;
    }
    return low;
  }
}

/** Picks from labelled weights, e.g. `{ pass: 85, fail: 8 }`. */
export function weightedPicker<T extends string>(weights: Readonly<Record<T, number>>): (random: Random) => T {
  const labels = Object.keys(weights) as T[];
  const sampler = new WeightedSampler(labels.map((label) => weights[label]));
  return (random) => labels[sampler.draw(random)] as T;
}

/** Zipf weights 1/rank^exponent for ranks 1..n: a few items get most of the draws. */
export function zipfWeights(n: number, exponent: number): number[] {
  return Array.from({ length: n }, (_, rank) => 1 / Math.pow(rank + 1, exponent));
}

/** A version 4 uuid made of random bits, so that it is deterministic under a seed. */
export function randomUuid(random: Random): string {
  const hex = (n: number) => n.toString(16).padStart(8, "0");
  const a = hex(random.uint32());
  const b = hex(random.uint32());
  const c = hex(random.uint32());
  const d = hex(random.uint32());
  const variant = ((parseInt(c[0] as string, 16) & 0x3) | 0x8).toString(16);
  return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-${variant}${c.slice(1, 4)}-${c.slice(4)}${d}`;
}

const MASK_48 = (1n << 48n) - 1n;

/**
 * A version 4 uuid that is unique for each `index` under one seed, by construction: per-item
 * PRNGs have 32-bit seeds, which collide by the birthday bound (about a hundred times in a
 * million), so the index itself, through a bijection of 48 bits, makes the last group.
 */
export function indexedUuid(seed: number, index: number): string {
  const random = createRandom(deriveSeed(seed, 0x757569, index));
  const mask = (BigInt(deriveSeed(seed, 0x6d61736b, 0)) << 16n) ^ BigInt(deriveSeed(seed, 0x6d61736b, 1));
  // An odd multiplier makes the affine map a permutation of 0..2^48-1: distinct in, distinct out.
  const tail = ((BigInt(index) * 0x5deece66dn + mask) & MASK_48).toString(16).padStart(12, "0");
  const hex = (n: number) => n.toString(16).padStart(8, "0");
  const a = hex(random.uint32());
  const b = hex(random.uint32());
  const variant = (8 + random.int(0, 3)).toString(16);
  return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-${variant}${b.slice(1, 4)}-${tail}`;
}
