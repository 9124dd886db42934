import { badInput } from "../errors/index.js";
import { GRADES, type Grade, isGrade } from "../report/grade.js";
import type { ReportToNotify } from "../db/queries/notification.queries.js";

/**
 * What an author asked to be mailed, as the original mailer offered it: for the author as a whole
 * (the default) and per distribution. Pure: validated and applied without I/O.
 */
export const FREQUENCIES = ["report", "daily", "weekly", "monthly", "never"] as const;
export type Frequency = (typeof FREQUENCIES)[number];
export const VERSION_CHOICES = ["latest", "all", "list"] as const;
export type VersionChoice = (typeof VERSION_CHOICES)[number];

export interface Preference {
  frequency: Frequency;
  /** 0 (Sunday) .. 6: the day a weekly digest is sent. */
  weekday: number;
  grades: Grade[];
  /** Only the first report per platform + perl + grade of a release. */
  firstOnly: boolean;
  versions: VersionChoice;
  versionList: string[];
  includePatched: boolean;
  /** Release candidates and development perls. */
  includeDevPerls: boolean;
  perls: string[];
  excludePerls: string[];
  platforms: string[];
  excludePlatforms: string[];
}

/** The original mailer's defaults: daily, FAIL only, first per platform, latest version, no patched perls. */
export const DEFAULT_PREFERENCE: Preference = {
  frequency: "daily",
  weekday: 1,
  grades: ["fail"],
  firstOnly: true,
  versions: "latest",
  versionList: [],
  includePatched: false,
  includeDevPerls: false,
  perls: [],
  excludePerls: [],
  platforms: [],
  excludePlatforms: [],
};

/** Longest list (versions, perls, platforms, ignored distributions) a setting may hold. */
export const MAX_LIST_ITEMS = 100;
const MAX_ITEM_LENGTH = 200;

/** A change as sent: every field optional, unknown values refused. */
export type PreferenceInput = Partial<Record<keyof Preference, unknown>>;

/** Applies a change to a preference; BAD_USER_INPUT naming the first field that is wrong. */
export function applyPreferenceInput(base: Preference, input: PreferenceInput): Preference {
  const next: Preference = { ...base };
  if (input.frequency !== undefined && input.frequency !== null) {
    const value = typeof input.frequency === "string" ? input.frequency.toLowerCase() : "";
    if (!FREQUENCIES.includes(value as Frequency)) {
      throw field("frequency", `expected one of ${FREQUENCIES.join(", ")}, got ${JSON.stringify(input.frequency)}`);
    }
    next.frequency = value as Frequency;
  }
  if (input.weekday !== undefined && input.weekday !== null) {
    const day = input.weekday;
    if (typeof day !== "number" || !Number.isInteger(day) || day < 0 || day > 6) {
      throw field("weekday", `expected 0 (Sunday) to 6, got ${JSON.stringify(day)}`);
    }
    next.weekday = day;
  }
  if (input.grades !== undefined && input.grades !== null) {
    const grades = list("grades", input.grades).map((g) => g.toLowerCase());
    const unknown = grades.find((g) => !isGrade(g));
    if (unknown !== undefined)
      throw field("grades", `expected any of ${GRADES.join(", ")}, got ${JSON.stringify(unknown)}`);
    if (grades.length === 0) throw field("grades", "expected at least one grade (use frequency never to mail nothing)");
    next.grades = GRADES.filter((g) => grades.includes(g));
  }
  if (input.versions !== undefined && input.versions !== null) {
    const value = typeof input.versions === "string" ? input.versions.toLowerCase() : "";
    if (!VERSION_CHOICES.includes(value as VersionChoice)) {
      throw field("versions", `expected one of ${VERSION_CHOICES.join(", ")}, got ${JSON.stringify(input.versions)}`);
    }
    next.versions = value as VersionChoice;
  }
  for (const key of ["firstOnly", "includePatched", "includeDevPerls"] as const) {
    const value = input[key];
    if (value === undefined || value === null) continue;
    if (typeof value !== "boolean") throw field(key, `expected true or false, got ${JSON.stringify(value)}`);
    next[key] = value;
  }
  for (const key of ["versionList", "perls", "excludePerls", "platforms", "excludePlatforms"] as const) {
    const value = input[key];
    if (value !== undefined && value !== null) next[key] = list(key, value);
  }
  if (next.versions === "list" && next.versionList.length === 0) {
    throw field("versionList", "expected at least one version when versions is list");
  }
  return next;
}

/** A list of short non-empty strings; BAD_USER_INPUT naming the field otherwise. */
export function list(name: string, value: unknown): string[] {
  if (!Array.isArray(value)) throw field(name, "expected a list of strings");
  if (value.length > MAX_LIST_ITEMS) throw field(name, `expected at most ${MAX_LIST_ITEMS} items, got ${value.length}`);
  const items = value.map((item) => (typeof item === "string" ? item.trim() : ""));
  const bad = items.findIndex((item) => item === "" || item.length > MAX_ITEM_LENGTH);
  if (bad >= 0)
    throw field(name, `item ${bad + 1}: expected a non-empty string of at most ${MAX_ITEM_LENGTH} characters`);
  return [...new Set(items)];
}

export const field = (name: string, message: string) =>
  badInput(`${name}: ${message}`, [{ message: `${name}: ${message}`, path: `/${name}` }]);

/** What a report must show for a preference to mail it: the notifier's reports, as its filters see them. */
export type ReportForMail = Pick<
  ReportToNotify,
  "dist" | "version" | "grade" | "perl" | "perlSeries" | "perlMaturity" | "perlPatched" | "platform" | "osname"
>;

/**
 * Whether a preference mails this report, `firstOnly` aside; `latestVersion` is the distribution's
 * newest release. Whether a report is the first of its kind is asked of the database afterwards,
 * for the reports that pass everything else (Notifier.scan).
 */
export function wants(pref: Preference, report: ReportForMail, latestVersion: string | undefined): boolean {
  if (pref.frequency === "never") return false;
  if (!pref.grades.includes(report.grade as Grade)) return false;
  if (pref.versions === "latest" && latestVersion !== undefined && report.version !== latestVersion) return false;
  if (pref.versions === "list" && !pref.versionList.includes(report.version)) return false;
  if (!pref.includePatched && report.perlPatched) return false;
  if (!pref.includeDevPerls && report.perlMaturity !== "stable") return false;
  const perlNames = [report.perl, report.perlSeries];
  if (pref.perls.length > 0 && !pref.perls.some((p) => perlNames.includes(p))) return false;
  if (pref.excludePerls.some((p) => perlNames.includes(p))) return false;
  const platformNames = [report.platform, report.osname];
  if (pref.platforms.length > 0 && !pref.platforms.some((p) => platformNames.includes(p))) return false;
  if (pref.excludePlatforms.some((p) => platformNames.includes(p))) return false;
  return true;
}

/** A valid IANA time zone, or BAD_USER_INPUT naming the field. */
export function timeZone(value: string): string {
  try {
    return new Intl.DateTimeFormat("en", { timeZone: value }).resolvedOptions().timeZone;
  } catch {
    throw field(
      "timeZone",
      `expected an IANA time zone such as Europe/Berlin, got ${JSON.stringify(value.slice(0, 60))}`,
    );
  }
}
