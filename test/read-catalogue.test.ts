import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graphql } from "./generated/index.js";
import { seedCatalogue } from "./factories/catalogue.js";
import { testBackends } from "./helpers/database.js";
import { startTestPlatform, type TestPlatform } from "./helpers/server.js";

const id = (key: string) => Buffer.from(key).toString("base64");

describe.each(testBackends())("read API: distributions, authors and uploads on $name", (backend) => {
  let platform: TestPlatform;
  beforeAll(async () => {
    platform = await startTestPlatform(backend);
    await seedCatalogue(platform.database.db);
  });
  afterAll(() => platform.stop());

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
                  upload {
                    releasedAt
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
            {
              name: "Data-Dumper-Tiny",
              latestRelease: {
                version: "2.0",
                allPerls: { pass: 0, fail: 0, total: 0 },
                upload: { releasedAt: "2025-03-01T10:00:00.000Z" },
              },
            },
            {
              name: "Foo-Bar",
              latestRelease: {
                version: "1.0",
                allPerls: { pass: 0, fail: 3, total: 3 },
                upload: { releasedAt: "2025-01-01T10:00:00.000Z" },
              },
            },
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
});
