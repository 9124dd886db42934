import type { ReportDocument } from "../report/index.js";
import { versionNumber } from "./versions.js";

/**
 * What a report's machine had, as factors to correlate with its grade. Kinds:
 * - ordered (`perl`, `prereq`, `toolchain`): a version, tested as thresholds (`Foo ≥ 1.23`);
 * - categorical (`os`, `osversion`, `feature`): a value, tested as equal or not.
 */
export const FACTOR_KINDS = ["perl", "os", "osversion", "feature", "toolchain", "prereq"] as const;
export type FactorKind = (typeof FACTOR_KINDS)[number];

export const ORDERED_KINDS = new Set<FactorKind>(["perl", "toolchain", "prereq"]);

export interface Factor {
  kind: FactorKind;
  name: string;
  value: string;
}

/** Stored as one short string each: `kind` US `name` US `value`. */
const SEPARATOR = "\u001f";
/** Prerequisites and toolchain modules kept per report: real reports list a few dozen at most. */
export const MAX_MODULE_FACTORS = 100;

export const encodeFactor = ({ kind, name, value }: Factor): string => [kind, name, value].join(SEPARATOR);

export function decodeFactor(encoded: string): Factor | null {
  const [kind, name, value] = encoded.split(SEPARATOR);
  if (!kind || name === undefined || value === undefined || !(FACTOR_KINDS as readonly string[]).includes(kind)) {
    return null;
  }
  return { kind: kind as FactorKind, name, value };
}

/** An encoded factor's `kind US name` (which factor it is) and its value, without decoding it. */
export function factorKeyAndValue(encoded: string): [key: string, value: string] {
  const cut = encoded.lastIndexOf(SEPARATOR);
  return [encoded.slice(0, cut), encoded.slice(cut + 1)];
}

export const ARCH_FEATURES = ["threads", "64bitint", "longdouble", "quadmath", "debugging"] as const;

/** The factors of a report, encoded, in a stable order. */
export function reportFactors(doc: ReportDocument, perl: string): string[] {
  const { language, system, toolchain } = doc.environment;
  const factors: Factor[] = [
    { kind: "perl", name: "perl", value: perl },
    { kind: "os", name: "os", value: system.osname },
  ];
  if (system.osversion) factors.push({ kind: "osversion", name: system.osname, value: system.osversion });
  const features = archFeatures(language.archname, language.build ?? "");
  for (const feature of ARCH_FEATURES) {
    factors.push({ kind: "feature", name: feature, value: features.has(feature) ? "yes" : "no" });
  }
  const tools = { ...toolchain, ...language.toolchain };
  for (const [name, version] of Object.entries(tools).slice(0, MAX_MODULE_FACTORS)) {
    if (versionNumber(version) !== null) factors.push({ kind: "toolchain", name, value: version.trim() });
  }
  for (const { name, have } of (doc.distribution.prerequisites ?? []).slice(0, MAX_MODULE_FACTORS)) {
    if (name === "perl") continue;
    const value = have === undefined || versionNumber(have) === null ? "missing" : have.trim();
    factors.push({ kind: "prereq", name, value });
  }
  const unique = new Set(factors.map(encodeFactor));
  return [...unique];
}

/** Build options that change how perl behaves, from the archname and `perl -V`. */
export function archFeatures(archname: string, build: string): Set<string> {
  const features = new Set<string>();
  const defined = (name: string) => new RegExp(`\\b${name}=define\\b`).test(build);
  if (/-thread/.test(archname) || defined("useithreads")) features.add("threads");
  if (/64int|-64all|^(?:x86_64|amd64|aarch64|arm64|ppc64|s390x)/.test(archname) || defined("use64bitint")) {
    features.add("64bitint");
  }
  if (/-ld\b/.test(archname) || defined("uselongdouble")) features.add("longdouble");
  if (/-quadmath/.test(archname) || defined("usequadmath")) features.add("quadmath");
  if (/-DDEBUGGING\b/.test(build)) features.add("debugging");
  return features;
}
