import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graphql } from "./generated/index.js";
import { type ReportSpec, seedReadModel, type UploadSpec } from "./factories/read-model.factory.js";
import { testBackends } from "./helpers/database.js";
import { startTestPlatform, type TestPlatform } from "./helpers/server.js";

const releasesWithAuthorAndLatestReport = graphql(`
  query ReleasesWithAuthorAndLatestReport($first: Int!) {
    releases(first: $first) {
      nodes {
        dist
        version
        allPerls {
          total
        }
        author {
          pauseId
        }
        latestReport {
          grade
          perl
          osname
        }
      }
    }
  }
`);

const dashboard = graphql(`
  query DashboardStatements($first: Int!) {
    author(pauseId: "MANY") {
      distributions(first: $first) {
        nodes {
          name
          latestRelease {
            version
            stablePerls {
              fail
            }
            latestReport {
              grade
            }
          }
        }
      }
    }
  }
`);

describe.each(testBackends())("statements per request on $name", (backend) => {
  let platform: TestPlatform;
  let statements: string[] = [];
  beforeAll(async () => {
    // No ETL worker: its polls would land in the statement log.
    platform = await startTestPlatform(backend, {
      etl: false,
      logger: { logQuery: (query) => void statements.push(query) },
    });
    const uploads: UploadSpec[] = [];
    const reports: ReportSpec[] = [];
    for (let i = 0; i < 60; i++) {
      const dist = `Dist-${String(i).padStart(2, "0")}`;
      uploads.push({ dist, version: "1.0", author: "MANY", releasedAt: "2026-01-01T00:00:00Z" });
      reports.push({ dist, version: "1.0", grade: i % 3 ? "pass" : "fail", submittedAt: "2026-01-02T00:00:00Z" });
    }
    await seedReadModel(platform.database.db, { uploads, reports });
  });
  afterAll(() => platform.stop());

  const count = async (run: () => Promise<unknown>) => {
    statements = [];
    await run();
    return statements.length;
  };

  it("answers 50 releases with author and latest report in as many statements as 10", async () => {
    const sizes = [1, 10, 50];
    const counts: number[] = [];
    for (const first of sizes) {
      counts.push(
        await count(async () => {
          const result = await platform.graphql(releasesWithAuthorAndLatestReport, { first });
          expect(result.data?.releases.nodes).toHaveLength(first);
          expect(result.data?.releases.nodes[0]?.author).toEqual({ pauseId: "MANY" });
          expect(result.data?.releases.nodes[0]?.latestReport).toMatchObject({ perl: "5.36.1", osname: "linux" });
        }),
      );
    }
    // The page of releases, then one batch of uploads (authors) and one of reports.
    expect(counts).toEqual([3, 3, 3]);
  });

  it("answers the author dashboard in a fixed number of statements", async () => {
    const counts: number[] = [];
    for (const first of [5, 50]) {
      counts.push(
        await count(async () => {
          const result = await platform.graphql(dashboard, { first });
          expect(result.data?.author?.distributions.nodes).toHaveLength(first);
        }),
      );
    }
    // Whether the author exists; the page with each latest release and its counters; their latest reports.
    expect(counts).toEqual([3, 3]);
  });
});
