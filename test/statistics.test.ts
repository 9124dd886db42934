import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reportsHourly } from "../src/db/schema/index.js";
import { graphql } from "./generated/index.js";
import { seedCatalogue } from "./factories/catalogue.js";
import { testBackends } from "./helpers/database.js";
import { startTestPlatform, type TestPlatform } from "./helpers/server.js";

const counts = (pass: number, fail: number, na: number, unknown: number) => ({
  pass,
  fail,
  na,
  unknown,
  total: pass + fail + na + unknown,
});

describe.each(testBackends())("statistics on $name", (backend) => {
  let platform: TestPlatform;
  const hour = Math.floor(Date.now() / 3_600_000) * 3_600_000;
  beforeAll(async () => {
    platform = await startTestPlatform(backend);
    await seedCatalogue(platform.database.db);
    // The catalogue's reports are months old; the submission rate looks at the last hours.
    await platform.database.db.insert(reportsHourly).values([
      { hour: new Date(hour - 3_600_000), grade: "pass", reports: 100 },
      { hour: new Date(hour - 3_600_000), grade: "fail", reports: 20 },
      { hour: new Date(hour), grade: "pass", reports: 30 },
    ]);
  });
  afterAll(() => platform.stop());

  it("serves reports per day and per month by grade, filtered by OS and perl series", async () => {
    const result = await platform.graphql(
      graphql(`
        query ReportStatistics {
          statistics {
            reportsPerDay(from: "2026-01-01", to: "2026-01-05") {
              period
              pass
              fail
              na
              unknown
              total
            }
            reportsPerMonth(from: "2025-12-15", to: "2026-02-01") {
              period
              pass
              fail
              na
              unknown
              total
            }
            linux: reportsPerMonth(from: "2026-01-01", to: "2026-01-31", osname: "linux") {
              period
              pass
              fail
              na
              unknown
              total
            }
            perl538: reportsPerMonth(from: "2026-01-01", to: "2026-01-01", perlSeries: "5.38") {
              period
              pass
              fail
              na
              unknown
              total
            }
          }
        }
      `),
    );
    expect(result.data?.statistics).toEqual({
      reportsPerDay: [
        { period: "2026-01-02", ...counts(1, 0, 0, 0) },
        { period: "2026-01-03", ...counts(0, 1, 0, 0) },
        { period: "2026-01-04", ...counts(1, 0, 0, 0) },
        { period: "2026-01-05", ...counts(0, 0, 1, 0) },
      ],
      reportsPerMonth: [
        { period: "2025-12-01", ...counts(1, 0, 0, 0) },
        { period: "2026-01-01", ...counts(2, 4, 1, 0) },
        { period: "2026-02-01", ...counts(1, 1, 0, 1) },
      ],
      linux: [{ period: "2026-01-01", ...counts(2, 3, 0, 0) }],
      perl538: [{ period: "2026-01-01", ...counts(0, 3, 1, 0) }],
    });
  });

  it("serves the OS x perl matrix, testers per month, most-failing releases and the submission rate", async () => {
    const result = await platform.graphql(
      graphql(`
        query MoreStatistics {
          statistics {
            osPerlMatrix(from: "2026-01-01", to: "2026-02-28") {
              osname
              perlSeries
              pass
              fail
              na
              unknown
              total
            }
            testersPerMonth(from: "2025-01-01", to: "2026-12-01") {
              month
              testers
              reports
            }
            mostFailingReleases(first: 2) {
              dist
              version
              allPerls {
                fail
              }
            }
            submissionRate(hours: 2) {
              hours
              reports
              reportsPerMinute
              perHour {
                hour
                pass
                fail
                total
              }
            }
          }
        }
      `),
    );
    const statistics = result.data?.statistics;
    expect(statistics?.osPerlMatrix).toEqual([
      { osname: "darwin", perlSeries: "5.38", ...counts(0, 1, 0, 0) },
      { osname: "linux", perlSeries: "5.41", ...counts(1, 0, 0, 0) },
      { osname: "linux", perlSeries: "5.38", ...counts(1, 2, 0, 0) },
      { osname: "linux", perlSeries: "5.36", ...counts(1, 2, 0, 1) },
      { osname: "MSWin32", perlSeries: "5.38", ...counts(0, 0, 1, 0) },
    ]);
    expect(statistics?.testersPerMonth).toEqual([
      { month: "2025-12-01", testers: 1, reports: 1 },
      { month: "2026-01-01", testers: 2, reports: 7 },
      { month: "2026-02-01", testers: 1, reports: 3 },
    ]);
    expect(statistics?.mostFailingReleases).toEqual([
      { dist: "Foo-Bar", version: "1.0", allPerls: { fail: 3 } },
      { dist: "Data-Printer", version: "0.39", allPerls: { fail: 1 } },
    ]);
    expect(statistics?.submissionRate).toEqual({
      hours: 2,
      reports: 150,
      reportsPerMinute: expect.any(Number) as number,
      perHour: [
        { hour: new Date(hour - 3_600_000).toISOString(), pass: 100, fail: 20, total: 120 },
        { hour: new Date(hour).toISOString(), pass: 30, fail: 0, total: 30 },
      ],
    });
    // 150 reports over the past hour and the minutes of this one.
    const minutes = 60 + (Date.now() - hour) / 60_000;
    expect(statistics?.submissionRate.reportsPerMinute).toBeGreaterThanOrEqual(150 / (minutes + 1));
    expect(statistics?.submissionRate.reportsPerMinute).toBeLessThanOrEqual(150 / 60);
  });

  it("refuses bad dates and ranges, naming the argument", async () => {
    // One query each: a failed non-null list nulls `statistics`, and the first error wins.
    const fields = [
      `reportsPerDay(from: "2026-13-01", to: "2026-12-01") { total }`,
      `reportsPerMonth(from: "2026-03-01", to: "2026-01-01") { total }`,
      `reportsPerDay(from: "2025-01-01", to: "2026-12-31") { total }`,
      `submissionRate(hours: 0) { reports }`,
    ];
    const errors = await Promise.all(
      fields.map(async (field) => (await platform.graphql(`{ statistics { ${field} } }`)).errors),
    );
    expect(errors.map((list) => list?.map((error) => [error.message, error.extensions]))).toEqual([
      [
        [
          'from must be a date such as 2026-01-31 (YYYY-MM-DD), got "2026-13-01"',
          { code: "BAD_USER_INPUT", argument: "from" },
        ],
      ],
      [['to must be on or after from (2026-03-01), got "2026-01-01"', { code: "BAD_USER_INPUT", argument: "to" }]],
      [['to must be at most 366 days after from, got "2026-12-31"', { code: "BAD_USER_INPUT", argument: "to" }]],
      [["hours must be 1..168, got 0", { code: "BAD_USER_INPUT", argument: "hours" }]],
    ]);
  });
});
