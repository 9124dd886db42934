import { type Random, weightedPicker } from "./prng.js";

/**
 * The mixes of operating systems and perls that reports come from. The weights are round numbers
 * in the proportions CPAN Testers has seen over the years: mostly Linux and recent stable perls,
 * a long tail of BSDs and Windows, and a steady share of development and release-candidate perls.
 */

export const OS_WEIGHTS = {
  linux: 60,
  freebsd: 10,
  MSWin32: 8,
  darwin: 7,
  openbsd: 5,
  netbsd: 3,
  solaris: 2,
  cygwin: 2,
  dragonfly: 1,
  midnightbsd: 0.8,
  haiku: 0.6,
  gnukfreebsd: 0.6,
} as const;
export type Osname = keyof typeof OS_WEIGHTS;
export const pickOsname = weightedPicker<Osname>(OS_WEIGHTS);

/** What a machine of each OS reports as archname and osversion. */
export const OS_FLAVOURS: Readonly<Record<Osname, { archnames: string[]; osversions: string[] }>> = {
  linux: {
    archnames: [
      "x86_64-linux",
      "x86_64-linux-thread-multi",
      "x86_64-linux-gnu-thread-multi",
      "x86_64-linux-ld",
      "i686-linux",
      "aarch64-linux-thread-multi",
    ],
    osversions: ["4.19.0-21-amd64", "5.10.0-28-amd64", "6.1.0-18-amd64", "5.15.0-91-generic", "6.8.0-45-generic"],
  },
  freebsd: {
    archnames: ["amd64-freebsd", "amd64-freebsd-thread-multi", "i386-freebsd-64int"],
    osversions: ["12.4-release", "13.2-release", "13.3-release", "14.1-release"],
  },
  MSWin32: {
    archnames: ["MSWin32-x64-multi-thread", "MSWin32-x86-multi-thread-64int"],
    osversions: ["10.0", "6.3", "6.1"],
  },
  darwin: {
    archnames: ["darwin-2level", "darwin-thread-multi-2level"],
    osversions: ["21.6.0", "22.6.0", "23.5.0", "24.1.0"],
  },
  openbsd: {
    archnames: ["OpenBSD.amd64-openbsd", "OpenBSD.amd64-openbsd-thread-multi-ld"],
    osversions: ["7.4", "7.5", "7.6"],
  },
  netbsd: { archnames: ["x86_64-netbsd", "x86_64-netbsd-thread-multi"], osversions: ["9.3", "10.0"] },
  solaris: { archnames: ["i86pc-solaris-64", "sun4-solaris-thread-multi"], osversions: ["2.11"] },
  cygwin: { archnames: ["x86_64-cygwin-threads-multi"], osversions: ["3.4.10(0.34010)", "3.5.3(0.341)"] },
  dragonfly: { archnames: ["x86_64-dragonfly"], osversions: ["6.4-release"] },
  midnightbsd: { archnames: ["amd64-midnightbsd"], osversions: ["3.1"] },
  haiku: { archnames: ["x86_64-haiku"], osversions: ["1"] },
  gnukfreebsd: { archnames: ["x86_64-gnukfreebsd-gnu"], osversions: ["10.1-0-amd64"] },
};

/** The last patch level of each stable series, 5.8 to 5.42. */
const STABLE_SERIES: readonly (readonly [minor: number, lastPatch: number])[] = [
  [8, 9],
  [10, 1],
  [12, 5],
  [14, 4],
  [16, 3],
  [18, 4],
  [20, 3],
  [22, 4],
  [24, 4],
  [26, 3],
  [28, 3],
  [30, 3],
  [32, 1],
  [34, 3],
  [36, 3],
  [38, 4],
  [40, 2],
  [42, 0],
];

/** Development series and how far each got: smokers run blead, so the newest gets the most. */
const DEV_SERIES: readonly (readonly [minor: number, lastPatch: number, weight: number])[] = [
  [41, 13, 6],
  [39, 10, 2],
  [37, 12, 1],
];

const RELEASE_CANDIDATES = ["5.42.0 RC1", "5.42.0 RC2", "5.42.0 RC3", "5.40.0 RC1", "5.40.0 RC2", "5.38.0 RC1"];

export const PERL_KIND_WEIGHTS = { stable: 90, dev: 8, rc: 2 } as const;
const pickPerlKind = weightedPicker(PERL_KIND_WEIGHTS);
// Newer series are tested more: weight grows with the series' position.
const pickStableSeries = weightedPicker(
  Object.fromEntries(STABLE_SERIES.map(([minor], index) => [String(minor), index + 1])) as Record<string, number>,
);
const pickDevSeries = weightedPicker(
  Object.fromEntries(DEV_SERIES.map(([minor, , weight]) => [String(minor), weight])) as Record<string, number>,
);
const lastPatch = new Map([...STABLE_SERIES, ...DEV_SERIES].map(([minor, patch]) => [minor, patch]));

/** A perl version as a tester reports it: `5.36.1`, `5.41.7`, `5.42.0 RC2`. */
export function pickPerl(random: Random): string {
  const kind = pickPerlKind(random);
  if (kind === "rc") return random.pick(RELEASE_CANDIDATES);
  const minor = Number(kind === "stable" ? pickStableSeries(random) : pickDevSeries(random));
  const last = lastPatch.get(minor) ?? 0;
  // The later patch releases of a series replace the earlier ones on smokers: lean towards them.
  const patch = Math.max(random.int(0, last), random.int(0, last));
  return `5.${minor}.${patch}`;
}

/** A test machine: one tester's box with a fixed OS, archname and host. */
export interface Machine {
  osname: Osname;
  osversion: string;
  archname: string;
  hostname: string;
  /** Index into the tester pool. */
  tester: number;
}
