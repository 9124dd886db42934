/**
 * The canonical stored form of a report: the v3 `Report` document (PROTOCOLS section 2).
 * Reports that arrive over the Metabase protocol are mapped onto the same shape and keep their
 * provenance in `metabase`.
 */

import type { Grade } from "./grade.js";

export { GRADES, type Grade } from "./grade.js";

export const OUTPUT_PHASES = ["uncategorized", "configure", "build", "test", "install"] as const;
export type OutputPhase = (typeof OUTPUT_PHASES)[number];

export const LANGUAGE_NAMES = ["Perl 5", "Perl 6"] as const;
export type LanguageName = (typeof LANGUAGE_NAMES)[number];

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export type StringMap = Record<string, string>;

export interface Reporter {
  name?: string;
  email: string;
}

export interface Language {
  name: LanguageName;
  /** Perl 5: `^5\.\d+\.\d+` plus an optional suffix (` RC1`, ` patch 123`); Perl 6: free form. */
  version: string;
  archname: string;
  build?: string;
  variables?: StringMap;
  /** Perl 5 only. */
  commit_id?: string;
  /** Perl 6 only (`rakudo`). */
  implementation?: string;
  /** Perl 6 only (`{ engine: "moarvm", version }`). */
  backend?: { engine?: string; version?: string };
  /** Not in the original schema, but real clients send it here rather than in `environment`. */
  toolchain?: StringMap;
}

export interface SystemInfo {
  osname: string;
  osversion?: string;
  hostname?: string;
  cpu_count?: string;
  cpu_type?: string;
  cpu_description?: string;
  filesystem?: string;
  variables?: StringMap;
}

export interface Environment {
  user_agent?: string;
  toolchain?: StringMap;
  language: Language;
  system: SystemInfo;
}

export interface Prerequisite {
  phase: string;
  name: string;
  need: string;
  have?: string;
}

export interface Distribution {
  name: string;
  version: string;
  prerequisites?: Prerequisite[];
}

export type TestOutput = Partial<Record<OutputPhase, string>>;

export interface Result {
  grade: Grade;
  output: TestOutput;
  tests?: number;
  failures?: number;
  skipped?: number;
  todo?: { pass: number; fail: number };
  warnings?: number;
  duration?: number;
}

/** Where a Metabase report came from; the author is derived from the distfile `resource`. */
export interface MetabaseProvenance {
  /** `cpan:///distfile/AUTHOR/Dist-1.23.tar.gz` */
  resource: string;
  /** `metabase:user:<uuid>` */
  creator: string;
}

export interface ReportDocument {
  /** Lowercase uuid; for Metabase reports the report fact's guid. */
  id: string;
  /** ISO 8601 date-time. */
  created: string;
  reporter: Reporter;
  environment: Environment;
  distribution: Distribution;
  result: Result;
  comments?: JsonValue;
  /**
   * Set by the Metabase intake only. The v3 route must not trust a client-sent value, since it
   * decides the derived author.
   */
  metabase?: MetabaseProvenance;
}

/** A report as submitted: the server fills `id` and `created` when they are missing. */
export type NewReport = Omit<ReportDocument, "id" | "created"> & {
  id?: string;
  created?: string;
};

/** One problem in an input: `path` is a JSON pointer into what was received. */
export interface InputError {
  message: string;
  path: string;
}
