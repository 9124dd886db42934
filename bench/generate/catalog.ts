import { type Machine, OS_FLAVOURS, OS_WEIGHTS, type Osname } from "./environment.js";
import { distName, pauseId, personName } from "./names.js";
import { createRandom, deriveSeed, type Random, WeightedSampler, zipfWeights } from "./prng.js";

/**
 * The world the reports are about: distributions with their releases and authors, and the testers
 * with their machines. Built once per seed and size; reports then draw from it.
 */

export interface Release {
  dist: string;
  version: string;
  author: string;
  /** `Foo-Bar-1.23.tar.gz`: the file name on PAUSE without the author directory. */
  filename: string;
  released: Date;
}

export interface Dist {
  name: string;
  author: string;
  /** Oldest first. */
  releases: Release[];
  /** Draws a release of this dist, the latest most often. */
  versionSampler: WeightedSampler;
  /** Index into the module list for its prerequisites, fixed per dist. */
  prereqSeed: number;
}

export interface Tester {
  name: string;
  email: string;
  /** The Metabase profile uuid, for `creator`. */
  profile: string;
}

export interface Catalog {
  dists: Dist[];
  /** Draws a dist index with long-tail popularity. */
  distSampler: WeightedSampler;
  authors: Map<string, string>;
  testers: Tester[];
  machinesByOs: Map<Osname, { machines: Machine[]; sampler: WeightedSampler }>;
}

/** Reports per distribution on average: sets how many distributions a size gets. */
export const REPORTS_PER_DIST = 40;
/** Zipf exponent of distribution popularity: ~0.9 gives thousands of reports to the top releases of 1M. */
export const POPULARITY_EXPONENT = 0.9;
export const WINDOW_START = Date.UTC(2010, 0, 1);
export const WINDOW_END = Date.UTC(2025, 5, 30);
const DAY = 86_400_000;

const STREAM = { dists: 1, testers: 2, shuffle: 3 } as const;

export function buildCatalog(seed: number, size: number): Catalog {
  const random = createRandom(deriveSeed(seed, STREAM.dists, 0));
  const distCount = Math.max(20, Math.round(size / REPORTS_PER_DIST));
  const authorCount = Math.max(10, Math.round(distCount / 4));

  const authorIds = new Set<string>();
  const authors = new Map<string, string>();
  for (let i = 0; i < authorCount; i++) authors.set(pauseId(random, authorIds), personName(random));
  const authorList = [...authors.keys()];
  // Prolific authors: a few PAUSE ids own hundreds of dists, as on CPAN.
  const authorSampler = new WeightedSampler(zipfWeights(authorList.length, 1));

  const names = new Set<string>();
  const dists: Dist[] = [];
  for (let i = 0; i < distCount; i++) {
    const name = distName(random, names);
    const author = authorList[authorSampler.draw(random)] as string;
    dists.push(makeDist(random, name, author));
  }
  // Popularity by rank, with ranks shuffled so that it does not follow creation order.
  const weights = zipfWeights(distCount, POPULARITY_EXPONENT);
  shuffle(createRandom(deriveSeed(seed, STREAM.shuffle, 0)), weights);

  const testerRandom = createRandom(deriveSeed(seed, STREAM.testers, 0));
  const testers = makeTesters(testerRandom, Math.max(20, Math.min(400, Math.round(size / 2500))));
  return {
    dists,
    distSampler: new WeightedSampler(weights),
    authors,
    testers,
    machinesByOs: makeMachines(testerRandom, testers),
  };
}

function makeDist(random: Random, name: string, author: string): Dist {
  // 1 to 15 releases, 3.5 on average.
  const count = Math.min(15, 1 + Math.floor(-Math.log(1 - random.next()) * 2.5));
  const scheme = random.int(0, 3);
  let released = WINDOW_START + random.next() * (WINDOW_END - WINDOW_START - 30 * DAY) * 0.95;
  const releases: Release[] = [];
  const weights: number[] = [];
  for (let n = 0; n < count; n++) {
    const dev = n < count - 1 && random.chance(0.1);
    // A -TRIAL file keeps the suffix in its version, as CPAN::DistnameInfo reads it.
    const version = `${versionString(scheme, n, dev)}${dev && random.chance(0.3) ? "-TRIAL" : ""}`;
    releases.push({
      dist: name,
      version,
      author,
      filename: `${name}-${version}.tar.gz`,
      released: new Date(Math.floor(released / 1000) * 1000),
    });
    // The latest release gets most reports; dev releases are tested less.
    weights.push(Math.pow(1.6, n) * (dev ? 0.3 : 1));
    released = Math.min(WINDOW_END - DAY, released + (1 - Math.log(1 - random.next())) * 90 * DAY);
  }
  return { name, author, releases, versionSampler: new WeightedSampler(weights), prereqSeed: random.uint32() };
}

function versionString(scheme: number, n: number, dev: boolean): string {
  const dev2 = dev ? "_01" : "";
  switch (scheme) {
    case 0:
      return `0.${String(n + 1).padStart(2, "0")}${dev2}`;
    case 1:
      return `1.${String(n * 3 + 10).padStart(2, "0")}${dev2}`;
    case 2:
      return `v${Math.floor(n / 4) + 1}.${n % 4}.${n % 3}`;
    default:
      return `${Math.floor(n / 5) + 2}.${String((n % 5) * 2 + 1).padStart(3, "0")}${dev2}`;
  }
}

function makeTesters(random: Random, count: number): Tester[] {
  return Array.from({ length: count }, (_, index) => {
    const name = personName(random);
    const email = `${name.toLowerCase().replace(/[^a-z]+/g, ".")}.${index}@example.org`;
    const profile = [8, 4, 4, 4, 12].map((n) => hexDigits(random, n)).join("-");
    return { name, email, profile };
  });
}

function makeMachines(random: Random, testers: Tester[]): Catalog["machinesByOs"] {
  // Heavy smokers run many machines: testers drawn for machines with Zipf weights.
  const testerSampler = new WeightedSampler(zipfWeights(testers.length, 1));
  const byOs: Catalog["machinesByOs"] = new Map();
  for (const [osname, weight] of Object.entries(OS_WEIGHTS) as [Osname, number][]) {
    const flavours = OS_FLAVOURS[osname];
    const count = Math.max(2, Math.round(weight / 2));
    const machines = Array.from({ length: count }, (_, index): Machine => ({
      osname,
      osversion: random.pick(flavours.osversions),
      archname: random.pick(flavours.archnames),
      hostname: `${osname.toLowerCase()}-smoker-${index + 1}`,
      tester: testerSampler.draw(random),
    }));
    byOs.set(osname, { machines, sampler: new WeightedSampler(zipfWeights(count, 1)) });
  }
  return byOs;
}

function hexDigits(random: Random, n: number): string {
  let out = "";
  while (out.length < n) out += random.uint32().toString(16).padStart(8, "0");
  return out.slice(0, n);
}

function shuffle<T>(random: Random, items: T[]): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
}

/** Every release of the catalogue, in dist order. */
export function allReleases(catalog: Catalog): Release[] {
  return catalog.dists.flatMap((dist) => dist.releases);
}
