import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ReportIdsQuery, ReportIdsQueryVariables } from "./generated/graphql.js";
import { graphql } from "./generated/index.js";
import { seedCatalogue } from "./factories/catalogue.js";
import { testBackends } from "./helpers/database.js";
import { type GraphQLResponse, startTestPlatform, type TestPlatform } from "./helpers/server.js";

const reportIds = graphql(`
  query ReportIds(
    $first: Int! = 20
    $after: String
    $sinceId: Int
    $grade: Grade
    $perl: String
    $perlSeries: String
    $perlMaturity: Maturity
    $osname: String
    $dist: String
    $submittedFrom: DateTime
    $submittedBefore: DateTime
  ) {
    reports(
      first: $first
      after: $after
      sinceId: $sinceId
      grade: $grade
      perl: $perl
      perlSeries: $perlSeries
      perlMaturity: $perlMaturity
      osname: $osname
      dist: $dist
      submittedFrom: $submittedFrom
      submittedBefore: $submittedBefore
    ) {
      edges {
        cursor
        node {
          reportId
        }
      }
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
    }
  }
`);

describe.each(testBackends())("read API lists on $name", (backend) => {
  let platform: TestPlatform;
  beforeAll(async () => {
    platform = await startTestPlatform(backend);
    await seedCatalogue(platform.database.db);
  });
  afterAll(() => platform.stop());

  const ids = async (variables: ReportIdsQueryVariables) => {
    const result = await platform.graphql(reportIds, variables);
    expect(result.errors).toBeUndefined();
    return result.data?.reports.edges.map((edge) => edge.node.reportId);
  };

  it("pages through every report, newest first, with cursors that do not shift", async () => {
    const pages: number[][] = [];
    let after: string | null = null;
    for (;;) {
      const result: GraphQLResponse<ReportIdsQuery> = await platform.graphql(reportIds, { first: 4, after });
      const connection = result.data?.reports;
      if (!connection) throw new Error(JSON.stringify(result));
      pages.push(connection.edges.map((edge) => edge.node.reportId));
      expect(connection.pageInfo.hasPreviousPage).toBe(after !== null);
      expect(connection.pageInfo.startCursor).toBe(connection.edges[0]?.cursor);
      expect(connection.pageInfo.endCursor).toBe(connection.edges.at(-1)?.cursor);
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor ?? null;
    }
    expect(pages).toEqual([
      [11, 10, 9, 8],
      [7, 6, 5, 4],
      [3, 2, 1],
    ]);
  });

  it("filters by grade, perl, perl series, maturity, OS, distribution and submission time", async () => {
    expect(await ids({ grade: "FAIL" })).toEqual([11, 9, 8, 7, 3]);
    expect(await ids({ perlSeries: "5.38" })).toEqual([9, 8, 6, 5, 3]);
    expect(await ids({ perl: "5.41.3" })).toEqual([4]);
    expect(await ids({ perlMaturity: "DEV" })).toEqual([4]);
    expect(await ids({ osname: "darwin" })).toEqual([3]);
    expect(await ids({ dist: "Foo-Bar" })).toEqual([9, 8, 7]);
    expect(await ids({ grade: "FAIL", perlSeries: "5.38" })).toEqual([9, 8, 3]);
    expect(await ids({ osname: "haiku" })).toEqual([]);
    // A time range orders by submission time; the cursor continues in that order.
    expect(await ids({ submittedFrom: "2026-01-03", submittedBefore: "2026-01-11T08:00:00Z" })).toEqual([7, 5, 4, 3]);
    const first = await platform.graphql(reportIds, { first: 2, submittedFrom: "2026-01-03" });
    expect(first.data?.reports.edges.map((edge) => edge.node.reportId)).toEqual([11, 10]);
    const rest = await ids({ first: 20, submittedFrom: "2026-01-03", after: first.data?.reports.pageInfo.endCursor });
    expect(rest).toEqual([6, 9, 8, 7, 5, 4, 3]);
  });

  it("feeds consumers that page by sequential id, oldest first", async () => {
    const first = await platform.graphql(reportIds, { sinceId: 8, first: 2 });
    expect(first.data?.reports.edges.map((edge) => edge.node.reportId)).toEqual([9, 10]);
    expect(first.data?.reports.pageInfo.hasNextPage).toBe(true);
    const next = await ids({ sinceId: 8, first: 2, after: first.data?.reports.pageInfo.endCursor });
    expect(next).toEqual([11]);
    expect(await ids({ sinceId: 11 })).toEqual([]);
  });

  it("lists a release's reports with the same filters", async () => {
    const result = await platform.graphql(
      graphql(`
        query ReleaseReports {
          release(dist: "Data-Printer", version: "0.39") {
            passes: reports(grade: PASS) {
              nodes {
                reportId
              }
            }
            windows: reports(osname: "MSWin32") {
              nodes {
                reportId
                grade
              }
            }
          }
        }
      `),
    );
    expect(result.data?.release).toEqual({
      passes: { nodes: [{ reportId: 6 }, { reportId: 4 }, { reportId: 2 }] },
      windows: { nodes: [{ reportId: 5, grade: "NA" }] },
    });
  });

  it("serves the bulk mirroring feed of releases in the order they were updated", async () => {
    const feed = graphql(`
      query ReleaseFeed($updatedSince: DateTime, $after: String) {
        releases(first: 2, updatedSince: $updatedSince, after: $after) {
          nodes {
            dist
            version
            updatedAt
          }
          pageInfo {
            hasNextPage
            endCursor
          }
        }
      }
    `);
    const first = await platform.graphql(feed, { updatedSince: "2026-01-01T00:00:00Z" });
    expect(first.data?.releases.nodes).toEqual([
      { dist: "Foo-Bar", version: "1.0", updatedAt: "2026-01-12T08:00:01.000Z" },
      { dist: "Data-Printer", version: "0.39", updatedAt: "2026-02-01T08:00:01.000Z" },
    ]);
    const second = await platform.graphql(feed, {
      updatedSince: "2026-01-01T00:00:00Z",
      after: first.data?.releases.pageInfo.endCursor ?? null,
    });
    expect(second.data?.releases).toEqual({
      nodes: [
        { dist: "Orphan-Dist", version: "0.1", updatedAt: "2026-02-02T08:00:01.000Z" },
        { dist: "Test-Thing", version: "0.01", updatedAt: "2026-02-03T08:00:01.000Z" },
      ],
      pageInfo: { hasNextPage: false, endCursor: expect.any(String) as string },
    });
    const all = await platform.graphql(feed, {});
    expect(all.data?.releases.nodes.map((release) => release.version)).toEqual(["0.38", "1.0"]);
  });

  it("refuses bad arguments as BAD_USER_INPUT naming the argument and what it allows", async () => {
    const errorOf = async (query: string, variables?: Record<string, unknown>) => {
      const result = await platform.graphql(query, variables);
      expect(result.errors).toHaveLength(1);
      const [error] = result.errors ?? [];
      return { message: error?.message, extensions: error?.extensions };
    };
    expect(await errorOf(`{ reports(first: 0) { nodes { reportId } } }`)).toEqual({
      message: "first must be 1..100, got 0",
      extensions: { code: "BAD_USER_INPUT", argument: "first" },
    });
    expect(await errorOf(`{ reports(first: 812) { nodes { reportId } } }`)).toEqual({
      message: "first must be 1..100, got 812",
      extensions: { code: "BAD_USER_INPUT", argument: "first" },
    });
    expect(await errorOf(`{ reports(after: "garbage") { nodes { reportId } } }`)).toEqual({
      message: `after must be a cursor this list returned (pageInfo.endCursor or an edge's cursor), got "garbage"`,
      extensions: { code: "BAD_USER_INPUT", argument: "after" },
    });
    const releaseCursor = (await platform.graphql(`{ releases(first: 1) { pageInfo { endCursor } } }`)) as {
      data: { releases: { pageInfo: { endCursor: string } } };
    };
    expect(
      await errorOf(`query($after: String) { reports(after: $after) { nodes { reportId } } }`, {
        after: releaseCursor.data.releases.pageInfo.endCursor,
      }),
    ).toMatchObject({ extensions: { code: "BAD_USER_INPUT", argument: "after" } });
    const badDate = {
      message:
        'submittedFrom must be an ISO 8601 date-time such as 2026-01-31T12:00:00Z (or a date, 2026-01-31), got "yesterday"',
      extensions: { code: "BAD_USER_INPUT", argument: "submittedFrom" },
    };
    expect(await errorOf(`{ reports(submittedFrom: "yesterday") { nodes { reportId } } }`)).toEqual(badDate);
    expect(
      await errorOf(`query($from: DateTime) { reports(submittedFrom: $from) { nodes { reportId } } }`, {
        from: "yesterday",
      }),
    ).toEqual(badDate);
    expect(await errorOf(`{ reports(submittedBefore: "2026-02-30") { nodes { reportId } } }`)).toMatchObject({
      extensions: { code: "BAD_USER_INPUT", argument: "submittedBefore" },
    });
    expect(await errorOf(`{ reports(perlSeries: "5") { nodes { reportId } } }`)).toEqual({
      message: 'perlSeries must be a perl series such as 5.36, got "5"',
      extensions: { code: "BAD_USER_INPUT", argument: "perlSeries" },
    });
    expect(await errorOf(`{ reports(perl: "blead") { nodes { reportId } } }`)).toEqual({
      message: 'perl must be a perl version such as 5.36.1 (or 5.41.3 RC1), got "blead"',
      extensions: { code: "BAD_USER_INPUT", argument: "perl" },
    });
    expect(await errorOf(`{ reports(sinceId: -1) { nodes { reportId } } }`)).toEqual({
      message: "sinceId must be 0..2147483647, got -1",
      extensions: { code: "BAD_USER_INPUT", argument: "sinceId" },
    });
  });

  it("binds filter values as parameters: quotes and wildcards are plain text", async () => {
    expect(await ids({ osname: "linux' or '1'='1" })).toEqual([]);
    expect(await ids({ dist: "%" })).toEqual([]);
  });
});
