import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graphql } from "./generated/index.js";
import { seedCatalogue, TESTER_ID } from "./factories/catalogue.js";
import { testBackends } from "./helpers/database.js";
import { startTestPlatform, type TestPlatform } from "./helpers/server.js";

const id = (key: string) => Buffer.from(key).toString("base64");
const zero = { pass: 0, fail: 0, na: 0, unknown: 0, total: 0 };

describe.each(testBackends())("read API: releases and reports on $name", (backend) => {
  let platform: TestPlatform;
  beforeAll(async () => {
    platform = await startTestPlatform(backend);
    await seedCatalogue(platform.database.db);
  });
  afterAll(() => platform.stop());

  it("serves a release with its counts, upload, author, latest report and matrix", async () => {
    const result = await platform.graphql(
      graphql(`
        query ReleaseSummary {
          release(dist: "Data-Printer", version: "0.39") {
            id
            dist
            version
            allPerls {
              pass
              fail
              na
              unknown
              total
            }
            stablePerls {
              pass
              fail
              na
              unknown
              total
            }
            updatedAt
            author {
              pauseId
            }
            upload {
              filename
              releasedAt
              location
              maturity
              provisional
            }
            distribution {
              name
            }
            latestReport {
              reportId
              grade
            }
            matrix {
              perlSeries
              osnames
              cells {
                perlSeries
                osname
                pass
                fail
                na
                unknown
                total
              }
            }
          }
          provisional: release(dist: "Orphan-Dist", version: "0.1") {
            author {
              pauseId
            }
            upload {
              provisional
              filename
            }
            allPerls {
              unknown
            }
          }
          unknown: release(dist: "No-Such-Dist", version: "1.0") {
            dist
          }
        }
      `),
    );
    const cell = (perlSeries: string, osname: string, counts: Partial<typeof zero>) => ({
      perlSeries,
      osname,
      ...zero,
      ...counts,
    });
    expect(result.data).toEqual({
      release: {
        id: id("Release:Data-Printer/0.39"),
        dist: "Data-Printer",
        version: "0.39",
        allPerls: { pass: 3, fail: 1, na: 1, unknown: 0, total: 5 },
        stablePerls: { pass: 2, fail: 1, na: 1, unknown: 0, total: 4 },
        updatedAt: "2026-02-01T08:00:01.000Z",
        author: { pauseId: "GARU" },
        upload: {
          filename: "Data-Printer-0.39.tar.gz",
          releasedAt: "2026-01-01T10:00:00.000Z",
          location: "CPAN",
          maturity: "STABLE",
          provisional: false,
        },
        distribution: { name: "Data-Printer" },
        latestReport: { reportId: 6, grade: "PASS" },
        matrix: {
          perlSeries: ["5.41", "5.38", "5.36"],
          osnames: ["darwin", "linux", "MSWin32"],
          cells: [
            cell("5.41", "linux", { pass: 1, total: 1 }),
            cell("5.38", "darwin", { fail: 1, total: 1 }),
            cell("5.38", "linux", { pass: 1, total: 1 }),
            cell("5.38", "MSWin32", { na: 1, total: 1 }),
            cell("5.36", "linux", { pass: 1, total: 1 }),
          ],
        },
      },
      provisional: { author: null, upload: { provisional: true, filename: null }, allPerls: { unknown: 1 } },
      unknown: null,
    });
  });

  it("serves a report with its derived fields, tester and document details", async () => {
    const result = await platform.graphql(
      graphql(`
        query ReportDetails($reportId: Int!) {
          report(reportId: $reportId) {
            id
            reportId
            grade
            dist
            version
            reporter
            perl
            perlSeries
            perlMaturity
            perlVersion {
              version
              major
              minor
              patch
              series
              maturity
              patched
            }
            platform
            osname
            osversion
            submittedAt
            receivedAt
            tester {
              id
              fullName
            }
            release {
              version
            }
            details {
              text
              output {
                uncategorized
                configure
                build
                test
                install
              }
              prerequisites {
                phase
                name
                need
                have
              }
              toolchain {
                name
                version
              }
              userAgent
              comments
              perlBuild
              tests
              failures
              skipped
              warnings
              duration
            }
          }
        }
      `),
      { reportId: 3 },
    );
    expect(result.data?.report).toEqual({
      id: id("Report:3"),
      reportId: 3,
      grade: "FAIL",
      dist: "Data-Printer",
      version: "0.39",
      reporter: "Grace Tester <grace@example.org>",
      perl: "5.38.0",
      perlSeries: "5.38",
      perlMaturity: "STABLE",
      perlVersion: {
        version: "5.38.0",
        major: 5,
        minor: 38,
        patch: 0,
        series: "5.38",
        maturity: "STABLE",
        patched: false,
      },
      platform: "x86_64-darwin",
      osname: "darwin",
      osversion: "1.0",
      submittedAt: "2026-01-03T08:00:00.000Z",
      receivedAt: "2026-01-03T08:00:01.000Z",
      tester: { id: id(`Tester:${TESTER_ID}`), fullName: "Grace Tester" },
      release: { version: "0.39" },
      details: {
        text: "Checking if your kit is complete...\nt/10-dump.t .. Failed 2/40",
        output: {
          uncategorized: null,
          configure: "Checking if your kit is complete...",
          build: null,
          test: "t/10-dump.t .. Failed 2/40",
          install: null,
        },
        prerequisites: [
          { phase: "requires", name: "Term::ANSIColor", need: "3.0", have: "4.06" },
          { phase: "test_requires", name: "Test::More", need: "0.88", have: "1.302195" },
        ],
        toolchain: [
          { name: "CPAN", version: "2.36" },
          { name: "ExtUtils::MakeMaker", version: "7.70" },
        ],
        userAgent: "cpanm-reporter 1.2",
        comments: "two failures in t/10-dump.t",
        perlBuild: "Summary of my perl5",
        tests: 453,
        failures: 2,
        skipped: 1,
        warnings: 0,
        duration: 8.5,
      },
    });
  });

  it("finds a report by GUID, and refuses to guess between guid and reportId", async () => {
    const byGuid = await platform.graphql(`{ report(guid: "00000000-0000-4000-8000-000000000000") { reportId } }`);
    expect(byGuid).toMatchObject({ data: { report: null } });
    const both = await platform.graphql(`{ report(guid: "x", reportId: 1) { reportId } }`);
    expect(both.errors).toEqual([
      {
        message: 'guid or reportId must be given, exactly one, got "both or neither"',
        path: ["report"],
        locations: [{ line: 1, column: 3 }],
        extensions: { code: "BAD_USER_INPUT", argument: "guid or reportId" },
      },
    ]);
  });
});
