import type { Prerequisite } from "../../src/report/report.types.js";
import { createRandom, type Random } from "./prng.js";

// prettier-ignore
const MODULES: readonly (readonly [name: string, need: string, have: string])[] = [
  ["Carp", "0", "1.54"], ["Scalar::Util", "1.11", "1.63"], ["List::Util", "1.45", "1.63"],
  ["Exporter", "5.57", "5.77"], ["File::Spec", "0", "3.88"], ["File::Temp", "0.19", "0.2311"],
  ["Storable", "2.0", "3.32"], ["JSON::PP", "2.27", "4.16"], ["Encode", "2.0", "3.19"],
  ["Moo", "2.000000", "2.005005"], ["Try::Tiny", "0.12", "0.31"], ["Module::Runtime", "0.014", "0.016"],
  ["Sub::Quote", "2.006006", "2.006008"], ["Type::Tiny", "1.004", "2.004000"], ["Path::Tiny", "0.104", "0.144"],
  ["HTTP::Tiny", "0.056", "0.088"], ["URI", "1.60", "5.28"], ["namespace::clean", "0.27", "0.27"],
  ["Params::Util", "1.07", "1.102"], ["Class::Method::Modifiers", "2.10", "2.15"], ["DBI", "1.614", "1.643"],
  ["Time::Local", "1.25", "1.35"], ["Getopt::Long", "2.39", "2.57"], ["IO::Socket::SSL", "1.968", "2.085"],
];

// prettier-ignore
const TEST_MODULES: readonly (readonly [name: string, need: string, have: string])[] = [
  ["Test::More", "0.88", "1.302199"], ["Test::Fatal", "0.010", "0.017"], ["Test::Deep", "1.127", "1.204"],
  ["Test::Warnings", "0.026", "0.033"], ["Test::Exception", "0.43", "0.43"],
];

/** The prerequisites a dist declares, the same for every report of it. */
export function declaredPrerequisites(seed: number): Prerequisite[] {
  const random = createRandom(seed);
  const runtime = pickSome(random, MODULES, random.int(2, 9));
  const test = pickSome(random, TEST_MODULES, random.int(1, 3));
  return [
    ...runtime.map(([name, need]) => ({ phase: "requires", name, need, have: "" })),
    ...test.map(([name, need]) => ({ phase: "build_requires", name, need, have: "" })),
    { phase: "configure_requires", name: "ExtUtils::MakeMaker", need: "6.64", have: "" },
  ];
}

/** The declared prerequisites with the versions one machine has installed. */
export function installedPrerequisites(declared: readonly Prerequisite[], random: Random): Prerequisite[] {
  return declared.map((prerequisite) => ({ ...prerequisite, have: haveVersion(prerequisite.name, random) }));
}

const KNOWN = new Map(
  [...MODULES, ...TEST_MODULES, ["ExtUtils::MakeMaker", "6.64", "7.70"] as const].map(([n, , h]) => [n, h]),
);

function haveVersion(name: string, random: Random): string {
  const newest = KNOWN.get(name) ?? "1.00";
  // Most smokers are current; some lag a release or two behind.
  return random.chance(0.8) ? newest : newest.replace(/\d$/, (digit) => String(Math.max(0, Number(digit) - 1)));
}

function pickSome<T>(random: Random, items: readonly T[], count: number): T[] {
  const chosen = new Set<number>();
  while (chosen.size < Math.min(count, items.length)) chosen.add(random.int(0, items.length - 1));
  return [...chosen].sort((a, b) => a - b).map((index) => items[index] as T);
}
