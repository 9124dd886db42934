import type { CounterDelta, ReleaseDelta, Rollups } from "./rollup.queries.js";
import { countReport, NO_RELEASE_COUNTS, type ReportFacts } from "../../report/index.js";
import { weekHourOf } from "../../report/week-hour.js";

/** A report the ETL has just inserted: its derived facts, its new row id and its arrival time. */
export interface CountedReport extends ReportFacts {
  id: number;
  receivedAt: Date;
  perlMajor: number;
  perlMinor: number;
  perlPatch: number;
  perlSeries: string;
  perlMaturity: "stable" | "dev";
  /** The registered tester who submitted it; null (or absent) for an anonymous report. */
  testerId?: string | null;
}

/**
 * Adds up what a batch of new reports contributes to every derived table, one delta per row key.
 * Keys come out sorted, so that concurrent workers update shared rows in the same order and
 * cannot deadlock; and each key appears once, as a multi-row upsert requires.
 */
export function rollUp(reports: readonly CountedReport[]): Rollups {
  const releases = new Map<string, ReleaseDelta>();
  const matrix = new Counter<Rollups["matrixCells"][number]["key"]>();
  const daily = new Counter<Rollups["daily"][number]["key"]>();
  const monthly = new Counter<Rollups["monthly"][number]["key"]>();
  const monthlyTotals = new Counter<Rollups["monthlyTotals"][number]["key"]>();
  const hourly = new Counter<Rollups["hourly"][number]["key"]>();
  const testerMonths = new Counter<Rollups["testerMonths"][number]["key"]>();
  const weekHours = new Counter<Rollups["weekHours"][number]["key"]>();
  const machines = new Counter<Rollups["testerMachines"][number]["key"]>();
  const perlVersions = new Map<string, Rollups["perlVersions"][number]>();
  const uploads = new Map<string, Rollups["uploads"][number]>();

  for (const report of reports) {
    const { dist, version, grade, osname, perlSeries } = report;
    const release = releaseKey(dist, version);
    const delta = releases.get(release) ?? emptyDelta(dist, version);
    countReport(delta, grade, report.perlMaturity);
    delta.latestReportId = Math.max(delta.latestReportId, report.id);
    releases.set(release, delta);

    const day = report.submittedAt.toISOString().slice(0, 10);
    const month = `${day.slice(0, 7)}-01`;
    matrix.add({ dist, version, perlSeries, osname, grade });
    daily.add({ day, osname, perlSeries, grade });
    monthly.add({ month, osname, perlSeries, grade });
    monthlyTotals.add({ month, grade });
    hourly.add({ hour: startOfHour(report.receivedAt), grade });
    testerMonths.add({ month, tester: report.tester });
    weekHours.add(weekHourOf(report.receivedAt));
    if (report.testerId) {
      const { osname: os, perl, platform } = report;
      machines.add({ testerId: report.testerId, osname: os, perl, platform, grade });
    }
    perlVersions.set(report.perl, {
      version: report.perl,
      major: report.perlMajor,
      minor: report.perlMinor,
      patch: report.perlPatch,
      maturity: report.perlMaturity,
      patched: report.perlPatched,
    });
    const upload = uploads.get(release);
    if (!upload || (upload.author === null && report.author !== null)) {
      uploads.set(release, { dist, version, author: report.author, maturity: report.distMaturity });
    }
  }

  return {
    releases: sortedValues(releases),
    matrixCells: matrix.deltas(),
    daily: daily.deltas(),
    monthly: monthly.deltas(),
    monthlyTotals: monthlyTotals.deltas(),
    hourly: hourly.deltas(),
    testerMonths: testerMonths.deltas(),
    weekHours: weekHours.deltas(),
    testerMachines: machines.deltas(),
    perlVersions: sortedValues(perlVersions),
    uploads: sortedValues(uploads),
  };
}

const releaseKey = (dist: string, version: string) => `${dist}\u0000${version}`;

function emptyDelta(dist: string, version: string): ReleaseDelta {
  return { dist, version, ...NO_RELEASE_COUNTS, latestReportId: 0 };
}

function startOfHour(date: Date): Date {
  const hour = new Date(date);
  hour.setUTCMinutes(0, 0, 0);
  return hour;
}

/** The map's values in the order of their keys. */
function sortedValues<T>(map: Map<string, T>): T[] {
  return [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, value]) => value);
}

/** Counts occurrences of composite keys; the key's own values make its identity. */
class Counter<Key extends Record<string, string | Date>> {
  private readonly counts = new Map<string, CounterDelta<Key>>();

  add(key: Key): void {
    const id = Object.values(key)
      .map((part) => (part instanceof Date ? part.toISOString() : part))
      .join("\u0000");
    const entry = this.counts.get(id);
    if (entry) entry.reports += 1;
    else this.counts.set(id, { key, reports: 1 });
  }

  deltas(): CounterDelta<Key>[] {
    return sortedValues(this.counts);
  }
}
