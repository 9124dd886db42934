import { randomUUID } from "node:crypto";
import type { Db } from "../../src/db/client.js";
import {
  perlVersions,
  releaseMatrixCells,
  releases,
  reportDocuments,
  reports,
  reportsDaily,
  reportsHourly,
  reportsMonthly,
  reportsMonthlyTotals,
  reportsWeekHours,
  testerMachines,
  testerMonths,
  testers,
  uploads,
} from "../../src/db/schema/index.js";
import type { Grade } from "../../src/report/report.types.js";

export interface UploadSpec {
  dist: string;
  version: string;
  author: string | null;
  releasedAt: string | null;
  location?: "cpan" | "backpan";
  provisional?: boolean;
}

export interface ReportSpec {
  dist: string;
  version: string;
  grade: Grade;
  /** Default 5.36.1. */
  perl?: string;
  /** Default linux. */
  osname?: string;
  /** ISO time; received one second later. */
  submittedAt: string;
  /** Default "Ada Tester <ada@example.org>". */
  reporter?: string;
  testerId?: string;
  guid?: string;
  /** The stored v3 document; a minimal one is made when absent. */
  document?: Record<string, unknown>;
}

export interface TesterSpec {
  id: string;
  fullName: string;
  email: string;
}

export interface SeededReport extends Required<Omit<ReportSpec, "document" | "testerId">> {
  id: number;
  testerId: string | null;
  document?: Record<string, unknown>;
}

/** Parses a perl version the way the ETL does (PROTOCOLS.md section 4). */
export function perlParts(perl: string) {
  const [major = 0, minor = 0, patch = 0] = perl.split(/[. ]/).slice(0, 3).map(Number);
  const rc = /RC/.test(perl);
  return {
    major,
    minor,
    patch,
    maturity: rc || (minor % 2 === 1 && minor >= 7) ? "dev" : "stable",
    patched: /patch|RC/.test(perl),
  };
}

const add = <K>(map: Map<K, number>, key: K, n = 1) => map.set(key, (map.get(key) ?? 0) + n);

/**
 * Writes what the ETL would have written for these uploads and reports, consistent with each
 * other: report rows and documents, release counters, matrix cells, every statistics rollup, perl
 * versions, and provisional uploads for releases that only reports name. Reports get ids in the
 * order given.
 */
export async function seedReadModel(
  db: Db,
  data: { uploads?: UploadSpec[]; reports?: ReportSpec[]; testers?: TesterSpec[] },
): Promise<SeededReport[]> {
  if (data.testers?.length) await db.insert(testers).values(data.testers);
  const uploadRows = (data.uploads ?? []).map((upload) => ({
    dist: upload.dist,
    version: upload.version,
    author: upload.author,
    filename: upload.provisional ? null : `${upload.dist}-${upload.version}.tar.gz`,
    releasedAt: upload.releasedAt ? new Date(upload.releasedAt) : null,
    location: upload.location ?? "cpan",
    maturity: /_|TRIAL/.test(upload.version) ? "dev" : "stable",
    provisional: upload.provisional ?? false,
  }));
  const known = new Set(uploadRows.map((row) => `${row.dist}\0${row.version}`));
  const seeded: SeededReport[] = [];
  for (const spec of data.reports ?? []) {
    const key = `${spec.dist}\0${spec.version}`;
    if (!known.has(key)) {
      known.add(key);
      uploadRows.push({
        dist: spec.dist,
        version: spec.version,
        author: null,
        filename: null,
        releasedAt: null,
        location: "cpan",
        maturity: "stable",
        provisional: true,
      });
    }
  }
  if (uploadRows.length > 0) await db.insert(uploads).values(uploadRows);
  if (!data.reports?.length) return seeded;

  const counters = new Map<
    string,
    { dist: string; version: string; counts: Map<string, number>; latest: number; at: Date }
  >();
  const cells = new Map<string, number>();
  const daily = new Map<string, number>();
  const monthly = new Map<string, number>();
  const monthlyTotals = new Map<string, number>();
  const hourly = new Map<string, number>();
  const testerMonth = new Map<string, number>();
  const weekHours = new Map<string, number>();
  const machines = new Map<string, number>();
  const perls = new Map<string, ReturnType<typeof perlParts>>();
  for (const spec of data.reports) {
    const perl = spec.perl ?? "5.36.1";
    const parts = perlParts(perl);
    const osname = spec.osname ?? "linux";
    const reporter = spec.reporter ?? "Ada Tester <ada@example.org>";
    const guid = spec.guid ?? randomUUID();
    const submittedAt = new Date(spec.submittedAt);
    const receivedAt = new Date(submittedAt.getTime() + 1000);
    const [row] = await db
      .insert(reports)
      .values({
        guid,
        grade: spec.grade,
        dist: spec.dist,
        version: spec.version,
        tester: reporter,
        perl,
        perlMajor: parts.major,
        perlMinor: parts.minor,
        perlPatch: parts.patch,
        perlMaturity: parts.maturity,
        perlPatched: parts.patched,
        platform: `x86_64-${osname}`,
        osname,
        osversion: "1.0",
        submittedAt,
        receivedAt,
      })
      .returning({ id: reports.id });
    const id = row!.id;
    await db.insert(reportDocuments).values({
      id: guid,
      source: "v3",
      testerId: spec.testerId ?? null,
      receivedAt,
      contentHash: guid,
      processedAt: receivedAt,
      document: spec.document ?? {
        reporter: { email: "ada@example.org" },
        environment: { language: { name: "Perl 5", version: perl, archname: `x86_64-${osname}` }, system: { osname } },
        distribution: { name: spec.dist, version: spec.version },
        result: { grade: spec.grade, output: { uncategorized: `report ${guid}` } },
      },
    });
    seeded.push({ ...spec, perl, osname, reporter, guid, id, testerId: spec.testerId ?? null });

    const releaseKey = `${spec.dist}\0${spec.version}`;
    const counter = counters.get(releaseKey) ?? {
      dist: spec.dist,
      version: spec.version,
      counts: new Map<string, number>(),
      latest: 0,
      at: receivedAt,
    };
    add(counter.counts, spec.grade);
    if (parts.maturity === "stable") add(counter.counts, `stable_${spec.grade}`);
    counter.latest = Math.max(counter.latest, id);
    counter.at = receivedAt > counter.at ? receivedAt : counter.at;
    counters.set(releaseKey, counter);
    const series = `${parts.major}.${parts.minor}`;
    add(cells, JSON.stringify([spec.dist, spec.version, series, osname, spec.grade]));
    const day = spec.submittedAt.slice(0, 10);
    add(daily, JSON.stringify([day, osname, series, spec.grade]));
    add(monthly, JSON.stringify([`${day.slice(0, 7)}-01`, osname, series, spec.grade]));
    add(monthlyTotals, JSON.stringify([`${day.slice(0, 7)}-01`, spec.grade]));
    const hour = new Date(Math.floor(receivedAt.getTime() / 3_600_000) * 3_600_000).toISOString();
    add(hourly, JSON.stringify([hour, spec.grade]));
    add(testerMonth, JSON.stringify([`${day.slice(0, 7)}-01`, reporter]));
    const arrival = receivedAt.toISOString();
    add(
      weekHours,
      JSON.stringify([`${arrival.slice(0, 7)}-01`, receivedAt.getUTCDay() || 7, receivedAt.getUTCHours()]),
    );
    if (spec.testerId) add(machines, JSON.stringify([spec.testerId, osname, perl, `x86_64-${osname}`, spec.grade]));
    perls.set(perl, parts);
  }

  await db.insert(releases).values(
    [...counters.values()].map(({ dist, version, counts, latest, at }) => ({
      dist,
      version,
      pass: counts.get("pass") ?? 0,
      fail: counts.get("fail") ?? 0,
      na: counts.get("na") ?? 0,
      unknown: counts.get("unknown") ?? 0,
      stablePass: counts.get("stable_pass") ?? 0,
      stableFail: counts.get("stable_fail") ?? 0,
      stableNa: counts.get("stable_na") ?? 0,
      stableUnknown: counts.get("stable_unknown") ?? 0,
      latestReportId: latest,
      updatedAt: at,
    })),
  );
  const rows = <T>(map: Map<string, number>, make: (key: string[], n: number) => T) =>
    [...map].map(([key, n]) => make(JSON.parse(key) as string[], n));
  await db.insert(releaseMatrixCells).values(
    rows(cells, ([dist, version, perlSeries, osname, grade], n) => ({
      dist: dist!,
      version: version!,
      perlSeries: perlSeries!,
      osname: osname!,
      grade: grade!,
      reports: n,
    })),
  );
  await db.insert(reportsDaily).values(
    rows(daily, ([day, osname, perlSeries, grade], n) => ({
      day: day!,
      osname: osname!,
      perlSeries: perlSeries!,
      grade: grade!,
      reports: n,
    })),
  );
  await db.insert(reportsMonthly).values(
    rows(monthly, ([month, osname, perlSeries, grade], n) => ({
      month: month!,
      osname: osname!,
      perlSeries: perlSeries!,
      grade: grade!,
      reports: n,
    })),
  );
  await db
    .insert(reportsMonthlyTotals)
    .values(rows(monthlyTotals, ([month, grade], n) => ({ month: month!, grade: grade!, reports: n })));
  await db
    .insert(reportsHourly)
    .values(rows(hourly, ([hour, grade], n) => ({ hour: new Date(hour!), grade: grade!, reports: n })));
  await db
    .insert(testerMonths)
    .values(rows(testerMonth, ([month, tester], n) => ({ month: month!, tester: tester!, reports: n })));
  await db.insert(reportsWeekHours).values(
    [...weekHours].map(([key, n]) => {
      const [month, weekday, hour] = JSON.parse(key) as [string, number, number];
      return { month, weekday, hour, reports: n };
    }),
  );
  if (machines.size > 0) {
    await db.insert(testerMachines).values(
      rows(machines, ([testerId, osname, perl, platform, grade], n) => ({
        testerId: testerId!,
        osname: osname!,
        perl: perl!,
        platform: platform!,
        grade: grade!,
        reports: n,
      })),
    );
  }
  await db
    .insert(perlVersions)
    .values([...perls].map(([version, parts]) => ({ version, ...parts })))
    .onConflictDoNothing();
  return seeded;
}
