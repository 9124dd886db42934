import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graphql } from "./generated/index.js";
import { seedCatalogue, TESTER_ID } from "./factories/catalogue.js";
import { testBackends } from "./helpers/database.js";
import { startTestPlatform, type TestPlatform } from "./helpers/server.js";

const id = (key: string) => Buffer.from(key).toString("base64");
const zero = { pass: 0, fail: 0, na: 0, unknown: 0, total: 0 };

describe.each(testBackends())("read API objects on $name", (backend) => {
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

  it("serves a distribution with its latest release, releases newest first, and its matrix", async () => {
    const result = await platform.graphql(
      graphql(`
        query DistributionPage {
          distribution(name: "Data-Printer") {
            id
            name
            author {
              pauseId
            }
            latestRelease {
              version
              updatedAt
              allPerls {
                total
              }
            }
            releases(first: 2) {
              nodes {
                version
                allPerls {
                  total
                }
                upload {
                  maturity
                  location
                }
              }
              pageInfo {
                hasNextPage
                hasPreviousPage
                endCursor
              }
            }
            matrix {
              versions
              perlSeries
              cells {
                version
                perlSeries
                pass
                fail
                na
                unknown
                total
              }
            }
          }
          missing: distribution(name: "Nope") {
            name
          }
        }
      `),
    );
    const distribution = result.data?.distribution;
    expect(distribution).toEqual({
      id: id("Distribution:Data-Printer"),
      name: "Data-Printer",
      author: { pauseId: "GARU" },
      latestRelease: { version: "0.40_01", updatedAt: null, allPerls: { total: 0 } },
      releases: {
        nodes: [
          { version: "0.40_01", allPerls: { total: 0 }, upload: { maturity: "DEV", location: "CPAN" } },
          { version: "0.39", allPerls: { total: 5 }, upload: { maturity: "STABLE", location: "CPAN" } },
        ],
        pageInfo: { hasNextPage: true, hasPreviousPage: false, endCursor: expect.any(String) as string },
      },
      matrix: {
        versions: ["0.39", "0.38"],
        perlSeries: ["5.41", "5.38", "5.36"],
        cells: [
          { version: "0.39", perlSeries: "5.41", pass: 1, fail: 0, na: 0, unknown: 0, total: 1 },
          { version: "0.39", perlSeries: "5.38", pass: 1, fail: 1, na: 1, unknown: 0, total: 3 },
          { version: "0.39", perlSeries: "5.36", pass: 1, fail: 0, na: 0, unknown: 0, total: 1 },
          { version: "0.38", perlSeries: "5.36", pass: 1, fail: 0, na: 0, unknown: 0, total: 1 },
        ],
      },
    });
    expect(result.data?.missing).toBeNull();

    const next = await platform.graphql(
      graphql(`
        query DistributionNextReleases($after: String) {
          distribution(name: "Data-Printer") {
            releases(first: 2, after: $after) {
              nodes {
                version
              }
              pageInfo {
                hasNextPage
                hasPreviousPage
              }
            }
          }
        }
      `),
      { after: distribution?.releases.pageInfo.endCursor ?? null },
    );
    expect(next.data?.distribution?.releases).toEqual({
      nodes: [{ version: "0.38" }],
      pageInfo: { hasNextPage: false, hasPreviousPage: true },
    });
  });

  it("serves the author dashboard: distributions by name with their latest release counts", async () => {
    const result = await platform.graphql(
      graphql(`
        query AuthorDashboard {
          author(pauseId: "alice") {
            id
            pauseId
            distributions(first: 10) {
              nodes {
                name
                latestRelease {
                  version
                  allPerls {
                    pass
                    fail
                    total
                  }
                }
              }
              pageInfo {
                hasNextPage
              }
            }
            uploads(first: 10) {
              nodes {
                dist
                version
                releasedAt
              }
            }
          }
          nobody: author(pauseId: "NOBODY") {
            pauseId
          }
        }
      `),
    );
    expect(result.data).toEqual({
      author: {
        id: id("Author:ALICE"),
        pauseId: "ALICE",
        distributions: {
          nodes: [
            { name: "Data-Dumper-Tiny", latestRelease: { version: "2.0", allPerls: { pass: 0, fail: 0, total: 0 } } },
            { name: "Foo-Bar", latestRelease: { version: "1.0", allPerls: { pass: 0, fail: 3, total: 3 } } },
          ],
          pageInfo: { hasNextPage: false },
        },
        uploads: {
          nodes: [
            { dist: "Data-Dumper-Tiny", version: "2.0", releasedAt: "2025-03-01T10:00:00.000Z" },
            { dist: "Foo-Bar", version: "1.0", releasedAt: "2025-01-01T10:00:00.000Z" },
          ],
        },
      },
      nobody: null,
    });
  });

  it("pages an author's distributions with cursors", async () => {
    const authorDistributions = graphql(`
      query AuthorDistributions($after: String) {
        author(pauseId: "ALICE") {
          distributions(first: 1, after: $after) {
            nodes {
              name
            }
            pageInfo {
              hasNextPage
              endCursor
            }
          }
        }
      }
    `);
    const first = await platform.graphql(authorDistributions);
    const page = first.data?.author?.distributions;
    expect(page?.nodes).toEqual([{ name: "Data-Dumper-Tiny" }]);
    expect(page?.pageInfo.hasNextPage).toBe(true);
    const second = await platform.graphql(authorDistributions, { after: page?.pageInfo.endCursor ?? null });
    expect(second.data?.author?.distributions.nodes).toEqual([{ name: "Foo-Bar" }]);
    expect(second.data?.author?.distributions.pageInfo.hasNextPage).toBe(false);
  });

  it("serves uploads, newest first, and one upload with its release", async () => {
    const result = await platform.graphql(
      graphql(`
        query Uploads {
          uploads(first: 3, releasedSince: "2025-06-01") {
            nodes {
              id
              dist
              version
              author {
                pauseId
              }
            }
            pageInfo {
              hasNextPage
            }
          }
          upload(dist: "Foo-Bar", version: "1.0") {
            filename
            release {
              allPerls {
                fail
              }
            }
          }
        }
      `),
    );
    expect(result.data).toEqual({
      uploads: {
        nodes: [
          {
            id: id("Upload:Data-Printer/0.40_01"),
            dist: "Data-Printer",
            version: "0.40_01",
            author: { pauseId: "GARU" },
          },
          { id: id("Upload:Test-Thing/0.01"), dist: "Test-Thing", version: "0.01", author: { pauseId: "BOB" } },
          { id: id("Upload:Data-Printer/0.39"), dist: "Data-Printer", version: "0.39", author: { pauseId: "GARU" } },
        ],
        pageInfo: { hasNextPage: true },
      },
      upload: { filename: "Foo-Bar-1.0.tar.gz", release: { allPerls: { fail: 3 } } },
    });
  });

  it("refetches every kind of node by its global id", async () => {
    const ids = [
      id("Report:3"),
      id("Release:Data-Printer/0.39"),
      id("Upload:Foo-Bar/1.0"),
      id("Distribution:Foo-Bar"),
      id("Author:BOB"),
      id(`Tester:${TESTER_ID}`),
      id("PerlVersion:5.41.3"),
      id("Release:Nope/1.0"),
    ];
    const results = await Promise.all(
      ids.map((nodeId) =>
        platform.graphql(
          graphql(`
            query Refetch($id: ID!) {
              node(id: $id) {
                __typename
                id
                ... on Report {
                  reportId
                }
                ... on Release {
                  version
                }
                ... on Upload {
                  filename
                }
                ... on Distribution {
                  name
                }
                ... on Author {
                  pauseId
                }
                ... on Tester {
                  fullName
                }
                ... on PerlVersion {
                  maturity
                }
              }
            }
          `),
          { id: nodeId },
        ),
      ),
    );
    expect(results.map((result) => result.data?.node)).toEqual([
      { __typename: "Report", id: ids[0], reportId: 3 },
      { __typename: "Release", id: ids[1], version: "0.39" },
      { __typename: "Upload", id: ids[2], filename: "Foo-Bar-1.0.tar.gz" },
      { __typename: "Distribution", id: ids[3], name: "Foo-Bar" },
      { __typename: "Author", id: ids[4], pauseId: "BOB" },
      { __typename: "Tester", id: ids[5], fullName: "Grace Tester" },
      { __typename: "PerlVersion", id: ids[6], maturity: "DEV" },
      null,
    ]);
    const bad = await platform.graphql(`{ node(id: "not-an-id") { id } }`);
    expect(bad.errors?.[0]).toMatchObject({
      message: 'id must be a global id from an `id` field, got "not-an-id"',
      extensions: { code: "BAD_USER_INPUT", argument: "id" },
    });
  });

  it("lists perl versions and searches distributions and authors by prefix", async () => {
    const result = await platform.graphql(
      graphql(`
        query Search {
          perlVersions {
            version
            series
            maturity
          }
          stable: perlVersions(maturity: STABLE) {
            version
          }
          searchDistributions(prefix: "DATA-") {
            name
          }
          one: searchDistributions(prefix: "d", first: 1) {
            name
          }
          searchAuthors(prefix: "a") {
            pauseId
          }
          wildcard: searchAuthors(prefix: "%") {
            pauseId
          }
        }
      `),
    );
    expect(result.data).toEqual({
      perlVersions: [
        { version: "5.36.1", series: "5.36", maturity: "STABLE" },
        { version: "5.38.0", series: "5.38", maturity: "STABLE" },
        { version: "5.41.3", series: "5.41", maturity: "DEV" },
      ],
      stable: [{ version: "5.36.1" }, { version: "5.38.0" }],
      searchDistributions: [{ name: "Data-Dumper-Tiny" }, { name: "Data-Printer" }],
      one: [{ name: "Data-Dumper-Tiny" }],
      searchAuthors: [{ pauseId: "ALICE" }],
      wildcard: [],
    });
  });
});
