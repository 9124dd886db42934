import type { Grade, Maturity } from "../../generated/graphql";

/** The report list's filters and the perls switch, as the URL's query string holds them. */
export interface Filters {
  grade?: Grade;
  /** An exact perl version, e.g. 5.40.1. */
  perl?: string;
  /** A perl series, e.g. 5.40. */
  series?: string;
  os?: string;
  maturity?: Maturity;
  /** The cursor of the list's page. */
  after?: string;
  /** Counts and matrices over stable perls only. */
  stable?: boolean;
}

const GRADES = new Set<Grade>(["PASS", "FAIL", "NA", "UNKNOWN"]);
const MATURITIES = new Set<Maturity>(["STABLE", "DEV"]);

export function parseFilters(search: string): Filters {
  const query = new URLSearchParams(search);
  const text = (name: string) => query.get(name)?.trim() || undefined;
  const grade = text("grade")?.toUpperCase() as Grade | undefined;
  const maturity = text("maturity")?.toUpperCase() as Maturity | undefined;
  return {
    ...(grade && GRADES.has(grade) ? { grade } : {}),
    ...(text("perl") ? { perl: text("perl") } : {}),
    ...(text("series") ? { series: text("series") } : {}),
    ...(text("os") ? { os: text("os") } : {}),
    ...(maturity && MATURITIES.has(maturity) ? { maturity } : {}),
    ...(text("after") ? { after: text("after") } : {}),
    ...(query.get("perls") === "stable" ? { stable: true } : {}),
  };
}

export function filtersToSearch(filters: Filters): string {
  const query = new URLSearchParams();
  if (filters.grade) query.set("grade", filters.grade.toLowerCase());
  if (filters.perl) query.set("perl", filters.perl);
  if (filters.series) query.set("series", filters.series);
  if (filters.os) query.set("os", filters.os);
  if (filters.maturity) query.set("maturity", filters.maturity.toLowerCase());
  if (filters.stable) query.set("perls", "stable");
  if (filters.after) query.set("after", filters.after);
  const text = query.toString();
  return text ? `?${text}` : "";
}

/** How many reports a page of the list shows. */
export const PAGE_SIZE = 25;

export function reportsVariables(dist: string, version: string, filters: Filters) {
  return {
    dist,
    version,
    first: PAGE_SIZE,
    after: filters.after ?? null,
    grade: filters.grade ?? null,
    perl: filters.perl ?? null,
    perlSeries: filters.series ?? null,
    osname: filters.os ?? null,
    perlMaturity: filters.maturity ?? null,
  };
}
