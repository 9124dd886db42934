import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "../src/db/client.js";
import { revokeApiToken } from "../src/db/queries/tester.queries.js";
import { Topic } from "../src/events/index.js";
import type { ReportDocument } from "../src/report/index.js";
import { testerWithToken, v3Report } from "./factories/report.factory.js";
import { graphql } from "./generated/index.js";
import { testBackends } from "./helpers/database.js";
import { startTestPlatform, type TestPlatform } from "./helpers/server.js";
import { subscribe, type TestSubscription, waitForSubscribers } from "./helpers/subscriber.js";
import { waitFor } from "./helpers/wait.js";

const REPORTS = graphql(`
  subscription LiveReports($filter: ReportProcessedFilter) {
    reportProcessed(filter: $filter) {
      reportId
      guid
      dist
      version
      author
      grade
      osname
      perl
      perlSeries
    }
  }
`);

const RELEASES = graphql(`
  subscription LiveReleases($dist: String!, $version: String) {
    releaseUpdated(dist: $dist, version: $version) {
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
        total
      }
      updatedAt
    }
  }
`);

describe.each(testBackends())("live subscriptions on $name", (backend) => {
  let platform: TestPlatform;
  let token: string;
  beforeAll(async () => {
    platform = await startTestPlatform(backend);
    token = await testerWithToken(platform.database.db);
  });
  afterAll(() => platform.stop());

  const submit = async (report: ReportDocument) => {
    expect((await platform.submitReport(report, token)).status).toBe(201);
  };
  const subscribers = (topic: Topic, count: number) => waitForSubscribers(platform.events, topic, count);
  const reportIds = async (reports: ReportDocument[]) => {
    const rows = await queryRows<{ id: number; guid: string }>(
      platform.database.db,
      sql`select id::int as id, guid from reports where guid = any(${sql.param(reports.map((r) => r.id))}::uuid[])`,
    );
    return new Map(rows.map((row) => [row.guid, row.id]));
  };

  it("delivers each counted report to the subscribers whose filter it matches, and only to them", async () => {
    const filters = {
      all: undefined,
      dist: { dist: "Live-A" },
      grade: { grade: "FAIL" as const },
      osname: { osname: "mswin32" },
      perlSeries: { perlSeries: "5.38" },
      combined: { dist: "Live-A", grade: "FAIL" as const, perlSeries: "5.38" },
    };
    const subscriptions = Object.fromEntries(
      Object.entries(filters).map(([name, filter]) => [name, subscribe(platform.url, REPORTS, { filter })]),
    ) as Record<keyof typeof filters, TestSubscription<unknown>>;
    await subscribers(Topic.reportProcessed, 6);

    const reports = [
      v3Report({ dist: "Live-A", grade: "pass", osname: "linux", perl: "5.36.0" }),
      v3Report({ dist: "Live-B", grade: "fail", osname: "linux", perl: "5.36.0" }),
      v3Report({ dist: "Live-B", grade: "pass", osname: "MSWin32", perl: "5.38.2" }),
      // Matches every filter: once it has arrived, everything before it has too.
      v3Report({ dist: "Live-A", grade: "fail", osname: "MSWin32", perl: "5.38.0" }),
    ];
    for (const report of reports) await submit(report);
    const ids = await waitFor(async () => {
      const found = await reportIds(reports);
      return found.size === reports.length ? found : undefined;
    }, "the reports to be counted");
    const expected = reports.map((report) => ({
      reportId: ids.get(report.id),
      guid: report.id,
      dist: report.distribution.name,
      version: "1.00",
      author: null,
      grade: report.result.grade.toUpperCase(),
      osname: report.environment.system.osname,
      perl: report.environment.language.version,
      perlSeries: report.environment.language.version.split(".").slice(0, 2).join("."),
    }));
    const [r1, r2, r3, r4] = expected;

    const received = async (name: keyof typeof filters, count: number) =>
      (await subscriptions[name].waitForCount(count)).map((result) => result.data);
    expect(await received("combined", 1)).toEqual([{ reportProcessed: r4 }]);
    expect(await received("all", 4)).toEqual([r1, r2, r3, r4].map((r) => ({ reportProcessed: r })));
    expect(await received("dist", 2)).toEqual([r1, r4].map((r) => ({ reportProcessed: r })));
    expect(await received("grade", 2)).toEqual([r2, r4].map((r) => ({ reportProcessed: r })));
    expect(await received("osname", 2)).toEqual([r3, r4].map((r) => ({ reportProcessed: r })));
    expect(await received("perlSeries", 2)).toEqual([r3, r4].map((r) => ({ reportProcessed: r })));
    await Promise.all(Object.values(subscriptions).map((s) => s.dispose()));
    await subscribers(Topic.reportProcessed, 0);
  });

  it("sends a release's new counts each time reports change them, for the dist or one version", async () => {
    const anyVersion = subscribe(platform.url, RELEASES, { dist: "Live-R" });
    const oneVersion = subscribe(platform.url, RELEASES, { dist: "Live-R", version: "2.00" });
    await subscribers(Topic.releaseUpdated, 2);

    // One report at a time, so that each lands in a batch of its own and gives one event.
    await submit(v3Report({ dist: "Live-R", version: "1.00", grade: "pass" }));
    await anyVersion.waitForCount(1);
    await submit(v3Report({ dist: "Live-R", version: "2.00", grade: "fail", perl: "5.41.3" }));
    await anyVersion.waitForCount(2);
    await submit(v3Report({ dist: "Live-R", version: "2.00", grade: "pass" }));

    const counts = (version: string, pass: number, fail: number, stablePass: number, stableFail: number) => ({
      releaseUpdated: {
        dist: "Live-R",
        version,
        allPerls: { pass, fail, na: 0, unknown: 0, total: pass + fail },
        stablePerls: { pass: stablePass, fail: stableFail, total: stablePass + stableFail },
        updatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) as unknown,
      },
    });
    expect((await anyVersion.waitForCount(3)).map((r) => r.data)).toEqual([
      counts("1.00", 1, 0, 1, 0),
      // 5.41.3 is a development perl: counted in all perls only.
      counts("2.00", 0, 1, 0, 0),
      counts("2.00", 1, 1, 1, 0),
    ]);
    expect((await oneVersion.waitForCount(2)).map((r) => r.data)).toEqual([
      counts("2.00", 0, 1, 0, 0),
      counts("2.00", 1, 1, 1, 0),
    ]);
    await anyVersion.dispose();
    await oneVersion.dispose();
  });

  it("answers a bad filter or a syntax error with an error for that operation, not a closed socket", async () => {
    const bad = subscribe(platform.url, REPORTS, { filter: { perlSeries: "5.36.1" } });
    expect(await bad.waitForCount(1)).toEqual([
      {
        errors: [
          {
            message: 'perlSeries must be a perl series like "5.36", got "5.36.1"',
            locations: [{ line: 2, column: 3 }],
            path: ["reportProcessed"],
            extensions: { argument: "perlSeries", code: "BAD_USER_INPUT" },
          },
        ],
      },
    ]);
    const syntaxError = await new Promise((resolve) => {
      bad.client.subscribe({ query: "subscription {" }, { next: resolve, error: resolve, complete: () => undefined });
    });
    expect(syntaxError).toEqual([
      {
        message: "Syntax Error: Expected Name, found <EOF>.",
        locations: [{ line: 1, column: 15 }],
        extensions: { code: "GRAPHQL_PARSE_FAILED" },
      },
    ]);
    const unknownField = await new Promise((resolve) => {
      bad.client.subscribe(
        { query: "subscription { nope }" },
        { next: resolve, error: resolve, complete: () => undefined },
      );
    });
    expect(unknownField).toEqual([
      {
        message: 'Cannot query field "nope" on type "Subscription".',
        locations: [{ line: 1, column: 16 }],
        extensions: { code: "GRAPHQL_VALIDATION_FAILED" },
      },
    ]);
    await bad.dispose();
  });

  it("accepts a valid token or none in connection_init, and closes with 4403 on an unknown or revoked one", async () => {
    const revoked = await testerWithToken(platform.database.db);
    await revokeApiToken(platform.database.db, revoked);
    const unknown = subscribe(platform.url, REPORTS, {}, { token: "cpt_unknown" });
    const withRevoked = subscribe(platform.url, REPORTS, {}, { token: revoked });
    const notAString = subscribe(platform.url, REPORTS, {}, { token: 42 });
    expect(await unknown.closed).toEqual({ code: 4403, reason: "Forbidden" });
    expect(await withRevoked.closed).toEqual({ code: 4403, reason: "Forbidden" });
    expect(await notAString.closed).toEqual({ code: 4403, reason: "Forbidden" });

    const withToken = subscribe(platform.url, REPORTS, { filter: { dist: "Live-Token" } }, { token });
    const anonymous = subscribe(platform.url, REPORTS, { filter: { dist: "Live-Token" } });
    await subscribers(Topic.reportProcessed, 2);
    await submit(v3Report({ dist: "Live-Token" }));
    const [first] = await withToken.waitForCount(1);
    expect(first?.data).toMatchObject({ reportProcessed: { dist: "Live-Token" } });
    expect(await anonymous.waitForCount(1)).toEqual([first]);
    await Promise.all([unknown, withRevoked, notAString, withToken, anonymous].map((s) => s.dispose()));
  });
});
