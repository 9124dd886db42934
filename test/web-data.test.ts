import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DashboardQuery, TesterPageQuery } from "./generated/graphql.js";
import { graphql } from "./generated/index.js";
import { MAX_DASHBOARD_DISTRIBUTIONS } from "../src/graphql/resolvers/author.resolver.js";
import { releases, uploads } from "../src/db/schema/index.js";
import { seedWebData, ZOE } from "./factories/web-data.js";
import { testBackends } from "./helpers/database.js";
import { type GraphQLResponse, startTestPlatform, type TestPlatform } from "./helpers/server.js";

const counts = (pass: number, fail: number, na: number, unknown: number) => ({
  pass,
  fail,
  na,
  unknown,
  total: pass + fail + na + unknown,
});

describe.each(testBackends())("data of the web pages on $name", (backend) => {
  let platform: TestPlatform;
  beforeAll(async () => {
    platform = await startTestPlatform(backend);
    await seedWebData(platform.database.db);
  });
  afterAll(() => platform.stop());

  describe("suggest", () => {
    const Suggest = graphql(`
      query Suggest($prefix: String!, $first: Int! = 10) {
        suggest(prefix: $prefix, first: $first) {
          kind
          name
        }
      }
    `);

    it("returns distributions and authors by prefix, ignoring case, an exact match first", async () => {
      const result = await platform.graphql(Suggest, { prefix: "zEd" });
      expect(result.data?.suggest).toEqual([
        { kind: "AUTHOR", name: "ZED" },
        { kind: "DISTRIBUTION", name: "Zed-Alpha" },
        { kind: "DISTRIBUTION", name: "Zed-Beta" },
        { kind: "DISTRIBUTION", name: "Zed-Gamma" },
        { kind: "AUTHOR", name: "ZEDD" },
      ]);
      const two = await platform.graphql(Suggest, { prefix: "ze", first: 2 });
      expect(two.data?.suggest).toEqual([
        { kind: "AUTHOR", name: "ZED" },
        { kind: "DISTRIBUTION", name: "Zed-Alpha" },
      ]);
      // Each distribution once, whatever its number of releases; surrounding blanks ignored.
      const alpha = await platform.graphql(Suggest, { prefix: " zed-a " });
      expect(alpha.data?.suggest).toEqual([{ kind: "DISTRIBUTION", name: "Zed-Alpha" }]);
    });

    it("takes LIKE's wildcards literally and answers nothing for nothing", async () => {
      for (const prefix of ["%", "_ed", "Zed\\", "zzz"]) {
        expect((await platform.graphql(Suggest, { prefix })).data?.suggest).toEqual([]);
      }
    });

    it("refuses an empty or too long prefix and a page size outside 1..50", async () => {
      for (const [prefix, first, argument] of [
        ["  ", 10, "prefix"],
        ["z".repeat(101), 10, "prefix"],
        ["z", 0, "first"],
        ["z", 51, "first"],
      ] as const) {
        const result = await platform.graphql(Suggest, { prefix, first });
        expect(result.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", argument });
      }
      expect((await platform.graphql(Suggest, { prefix: "z".repeat(100), first: 50 })).errors).toBeUndefined();
    });
  });

  describe("author dashboard", () => {
    const Dashboard = graphql(`
      query Dashboard(
        $pauseId: String!
        $orderBy: AuthorDistributionOrder
        $onlyWithFailures: Boolean
        $first: Int! = 20
        $after: String
      ) {
        author(pauseId: $pauseId) {
          distributions(orderBy: $orderBy, onlyWithFailures: $onlyWithFailures, first: $first, after: $after) {
            nodes {
              name
              latestRelease {
                version
                updatedAt
                allPerls {
                  pass
                  fail
                  na
                  unknown
                  total
                }
              }
            }
            pageInfo {
              hasNextPage
              endCursor
            }
          }
        }
      }
    `);
    const names = (result: GraphQLResponse<DashboardQuery>) =>
      result.data?.author?.distributions.nodes.map((node) => node.name);

    it("lists every distribution with its latest release's counts and last report, by name", async () => {
      const result = await platform.graphql(Dashboard, { pauseId: "zed" });
      expect(result.data?.author?.distributions.nodes).toEqual([
        {
          name: "Zed-Alpha",
          latestRelease: { version: "1.0", updatedAt: "2026-01-04T22:30:01.000Z", allPerls: counts(2, 2, 0, 0) },
        },
        {
          name: "Zed-Beta",
          latestRelease: { version: "2.0", updatedAt: "2026-01-21T08:00:01.000Z", allPerls: counts(1, 0, 1, 0) },
        },
        { name: "Zed-Gamma", latestRelease: { version: "0.1", updatedAt: null, allPerls: counts(0, 0, 0, 0) } },
      ]);
    });

    it("sorts by last report and by failures, and keeps only those failing", async () => {
      const by = async (orderBy: "NAME" | "LAST_REPORT" | "FAILURES", onlyWithFailures = false) =>
        names(await platform.graphql(Dashboard, { pauseId: "ZED", orderBy, onlyWithFailures }));
      expect(await by("LAST_REPORT")).toEqual(["Zed-Beta", "Zed-Alpha", "Zed-Gamma"]);
      expect(await by("FAILURES")).toEqual(["Zed-Alpha", "Zed-Beta", "Zed-Gamma"]);
      expect(await by("NAME", true)).toEqual(["Zed-Alpha"]);
      expect(await by("LAST_REPORT", true)).toEqual(["Zed-Alpha"]);
      expect(await by("NAME")).toEqual(["Zed-Alpha", "Zed-Beta", "Zed-Gamma"]);
    });

    it("pages a sorted dashboard by cursor to its end, and refuses another list's cursor", async () => {
      const seen: string[] = [];
      let after: string | null = null;
      for (let page = 0; page < 5; page++) {
        const result: GraphQLResponse<DashboardQuery> = await platform.graphql(Dashboard, {
          pauseId: "ZED",
          orderBy: "LAST_REPORT",
          first: 1,
          after,
        });
        const connection = result.data?.author?.distributions;
        seen.push(...(connection?.nodes.map((node) => node.name) ?? []));
        if (!connection?.pageInfo.hasNextPage) break;
        after = connection.pageInfo.endCursor ?? null;
      }
      expect(seen).toEqual(["Zed-Beta", "Zed-Alpha", "Zed-Gamma"]);

      const byName = await platform.graphql(Dashboard, { pauseId: "ZED", first: 1 });
      const cursor = byName.data?.author?.distributions.pageInfo.endCursor;
      const mixed = await platform.graphql(Dashboard, { pauseId: "ZED", orderBy: "FAILURES", after: cursor });
      expect(mixed.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", argument: "after" });
    });

    it("sorts and filters the author's first 10,000 distributions by name, no more", async () => {
      const db = platform.database.db;
      const dists = Array.from(
        { length: MAX_DASHBOARD_DISTRIBUTIONS + 1 },
        (_, i) => `Big-${String(i + 1).padStart(5, "0")}`,
      );
      for (let start = 0; start < dists.length; start += 2_000) {
        await db.insert(uploads).values(
          dists.slice(start, start + 2_000).map((dist) => ({
            dist,
            version: "1.0",
            author: "BIG",
            filename: `${dist}-1.0.tar.gz`,
            releasedAt: new Date("2026-01-01T00:00:00Z"),
          })),
        );
      }
      // The last two by name fail: the 10,000th is inside the limit, the 10,001st past it.
      await db
        .insert(releases)
        .values(dists.slice(-2).map((dist) => ({ dist, version: "1.0", fail: 1, latestReportId: 1 })));
      const failing = await platform.graphql(Dashboard, { pauseId: "BIG", onlyWithFailures: true });
      expect(names(failing)).toEqual(["Big-10000"]);
      const byFailures = await platform.graphql(Dashboard, { pauseId: "BIG", orderBy: "FAILURES", first: 2 });
      expect(names(byFailures)).toEqual(["Big-10000", "Big-00001"]);
      // By name, the dashboard pages on to the end.
      const last = await platform.graphql(Dashboard, {
        pauseId: "BIG",
        first: 1,
        after: Buffer.from(JSON.stringify(["author:distributions", "Big-10000"])).toString("base64url"),
      });
      expect(names(last)).toEqual(["Big-10001"]);
    });

    it("is null for an author who uploaded nothing", async () => {
      expect((await platform.graphql(Dashboard, { pauseId: "NOBODY" })).data?.author).toBeNull();
    });
  });

  describe("tester page", () => {
    const TesterPage = graphql(`
      query TesterPage($id: ID!, $first: Int! = 20, $after: String) {
        tester(id: $id) {
          id
          testerId
          fullName
          reportCounts {
            pass
            fail
            na
            unknown
            total
          }
          machines {
            osname
            perl
            platform
            pass
            fail
            na
            unknown
            total
          }
          reports(first: $first, after: $after) {
            nodes {
              reportId
              dist
              version
              grade
            }
            pageInfo {
              hasNextPage
              endCursor
            }
          }
        }
      }
    `);

    it("shows a tester's machines with counts and reports newest first, never the e-mail", async () => {
      const result = await platform.graphql(TesterPage, { id: ZOE.id.toUpperCase() });
      expect(result.errors).toBeUndefined();
      const tester = result.data?.tester;
      expect(tester).toMatchObject({ testerId: ZOE.id, fullName: "Zoe Smoker", reportCounts: counts(3, 1, 0, 0) });
      expect(tester?.machines).toEqual([
        { osname: "linux", perl: "5.36.1", platform: "x86_64-linux", ...counts(2, 0, 0, 0) },
        { osname: "linux", perl: "5.38.0", platform: "x86_64-linux", ...counts(0, 1, 0, 0) },
        { osname: "MSWin32", perl: "5.40.0", platform: "x86_64-MSWin32", ...counts(1, 0, 0, 0) },
      ]);
      expect(tester?.reports.nodes.map((report) => report.reportId)).toEqual([5, 3, 2, 1]);
      expect(JSON.stringify(result)).not.toContain(ZOE.email);

      // The same tester by its global id.
      const again = await platform.graphql(TesterPage, { id: tester!.id, first: 1 });
      expect(again.data?.tester?.testerId).toBe(ZOE.id);
    });

    it("pages the reports by cursor", async () => {
      const ids: number[] = [];
      let after: string | null = null;
      for (let page = 0; page < 6; page++) {
        const result: GraphQLResponse<TesterPageQuery> = await platform.graphql(TesterPage, {
          id: ZOE.id,
          first: 3,
          after,
        });
        const reports = result.data?.tester?.reports;
        ids.push(...(reports?.nodes.map((report) => report.reportId) ?? []));
        if (!reports?.pageInfo.hasNextPage) break;
        after = reports.pageInfo.endCursor ?? null;
      }
      expect(ids).toEqual([5, 3, 2, 1]);
    });

    it("is null for an unknown or malformed id, and refuses a machine list outside 1..500", async () => {
      for (const id of ["00000000-0000-0000-0000-000000000000", "not-a-tester", "", "QXV0aG9yOlpFRA=="]) {
        const result = await platform.graphql(TesterPage, { id });
        expect(result.errors).toBeUndefined();
        expect(result.data?.tester).toBeNull();
      }
      const tooMany = await platform.graphql(`{ tester(id: "${ZOE.id}") { machines(first: 501) { osname } } }`);
      expect(tooMany.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", argument: "first" });
    });
  });

  describe("statistics for /stats", () => {
    const Stats = graphql(`
      query StatsPage($from: Date!, $to: Date!) {
        statistics {
          osShare: shares(by: OSNAME, from: $from, to: $to) {
            key
            share
            pass
            fail
            na
            unknown
            total
          }
          perlShare: shares(by: PERL_SERIES, from: $from, to: $to, first: 2) {
            key
            total
            share
          }
          weekHours(from: $from, to: $to) {
            weekday
            hour
            reports
          }
          trends(by: PERL_SERIES, from: $from, to: $to, first: 2) {
            key
            total
            months {
              period
              total
              fail
              change
            }
          }
        }
      }
    `);

    it("serves OS and perl shares, the week's hours and trends month over month", async () => {
      const result = await platform.graphql(Stats, { from: "2026-01-15", to: "2026-02-28" });
      expect(result.errors).toBeUndefined();
      expect(result.data?.statistics).toEqual({
        osShare: [
          { key: "linux", share: 5 / 7, ...counts(2, 2, 1, 0) },
          { key: "darwin", share: 1 / 7, ...counts(0, 1, 0, 0) },
          { key: "MSWin32", share: 1 / 7, ...counts(1, 0, 0, 0) },
        ],
        perlShare: [
          { key: "5.36", total: 3, share: 3 / 7 },
          { key: "5.38", total: 2, share: 2 / 7 },
        ],
        weekHours: [
          { weekday: 2, hour: 8, reports: 1 },
          { weekday: 2, hour: 12, reports: 1 },
          { weekday: 3, hour: 8, reports: 1 },
          { weekday: 5, hour: 8, reports: 1 },
          { weekday: 5, hour: 9, reports: 1 },
          { weekday: 6, hour: 8, reports: 1 },
          { weekday: 7, hour: 22, reports: 1 },
        ],
        trends: [
          {
            key: "5.36",
            total: 3,
            months: [
              { period: "2026-01-01", total: 2, fail: 0, change: null },
              { period: "2026-02-01", total: 1, fail: 1, change: -0.5 },
            ],
          },
          {
            key: "5.38",
            total: 2,
            months: [
              { period: "2026-01-01", total: 2, fail: 2, change: null },
              { period: "2026-02-01", total: 0, fail: 0, change: -1 },
            ],
          },
        ],
      });
    });

    it("answers empty lists for a range without reports", async () => {
      const result = await platform.graphql(Stats, { from: "2020-01-01", to: "2020-12-31" });
      expect(result.data?.statistics).toEqual({ osShare: [], perlShare: [], weekHours: [], trends: [] });
    });

    it("refuses ranges over 240 months and counts outside their limits", async () => {
      const tooLong = await platform.graphql(Stats, { from: "2000-01-01", to: "2020-01-01" });
      expect(tooLong.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", argument: "to" });
      for (const query of [
        `{ statistics { shares(by: OSNAME, from: "2026-01-01", to: "2026-01-01", first: 101) { key } } }`,
        `{ statistics { trends(by: OSNAME, from: "2026-01-01", to: "2026-01-01", first: 21) { key } } }`,
        `{ statistics { trends(by: OSNAME, from: "2026-01-01", to: "2026-01-01", first: 0) { key } } }`,
      ]) {
        const result = await platform.graphql(query);
        expect(result.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", argument: "first" });
      }
      const atLimit = await platform.graphql(
        `{ statistics { weekHours(from: "2006-02-01", to: "2026-01-31") { reports } } }`,
      );
      expect(atLimit.errors).toBeUndefined();
    });
  });
});
