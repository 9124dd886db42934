import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "../src/db/queries/tester.queries.js";
import { TESTER, testerWithToken, v3Report } from "./factories/report.factory.js";
import { graphql } from "./generated/index.js";
import { createTestDatabase, type TestDatabase, testBackends } from "./helpers/database.js";
import { type CliProcess, startCli } from "./helpers/process.js";
import { startTestPlatform, type TestPlatform } from "./helpers/server.js";
import { subscribe } from "./helpers/subscriber.js";
import { waitFor } from "./helpers/wait.js";

const REPORTS = graphql(`
  subscription AcrossReports($dist: String!) {
    reportProcessed(filter: { dist: $dist }) {
      guid
      dist
      version
      author
      grade
    }
  }
`);

const RELEASES = graphql(`
  subscription AcrossReleases($dist: String!) {
    releaseUpdated(dist: $dist) {
      dist
      version
      allPerls {
        pass
        fail
        total
      }
    }
  }
`);

const UPLOADS = graphql(`
  subscription AcrossUploads($author: String!) {
    uploadAdded(author: $author) {
      dist
      version
      author
    }
  }
`);

/** Reads one metric of a server's /metrics, e.g. `event_delivery{topic="REPORT_PROCESSED"}`. */
async function metric(url: string, series: string): Promise<number | undefined> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

const subscribers = async (url: string, topic: string) =>
  (await metric(url, `event_subscribers{topic="${topic}"}`)) ?? 0;

/**
 * Waits until the server at `url` has `count` more subscriptions to `topic` than `before`, and
 * events reach them (the server's own notifier listens to processed reports too).
 */
const subscribed = (url: string, topic: string, count: number, before: number) =>
  waitFor(async () => {
    const now = await subscribers(url, topic);
    const delivery = await metric(url, `event_delivery{topic="${topic}"}`);
    return now === before + count && delivery === 1 ? true : undefined;
  }, `${count} subscribers to ${topic} on ${url}`);

/** Where the flow runs: two API instances, or one, and tokens to submit reports and add uploads. */
interface Cluster {
  apiA: string;
  apiB: string;
  submitter: string;
  uploader: string;
}

/** The same flow on any cluster: what is sent to A reaches subscribers on B, and the reverse. */
function liveFlow(cluster: () => Cluster) {
  it("delivers to a subscriber on instance B the events of a report submitted to instance A", async () => {
    const { apiA, apiB, submitter } = cluster();
    const before = {
      reports: await subscribers(apiB, "REPORT_PROCESSED"),
      releases: await subscribers(apiB, "RELEASE_UPDATED"),
    };
    const reports = subscribe(apiB, REPORTS, { dist: "Across-Instances" });
    const releases = subscribe(apiB, RELEASES, { dist: "Across-Instances" });
    await subscribed(apiB, "REPORT_PROCESSED", 1, before.reports);
    await subscribed(apiB, "RELEASE_UPDATED", 1, before.releases);

    const report = v3Report({ dist: "Across-Instances", version: "0.01", grade: "fail" });
    const response = await fetch(`${apiA}/v3/report`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${submitter}` },
      body: JSON.stringify(report),
    });
    expect(response.status).toBe(201);

    expect((await reports.waitForCount(1, 20_000)).map((r) => r.data)).toEqual([
      {
        reportProcessed: { guid: report.id, dist: "Across-Instances", version: "0.01", author: null, grade: "FAIL" },
      },
    ]);
    expect((await releases.waitForCount(1, 20_000)).map((r) => r.data)).toEqual([
      { releaseUpdated: { dist: "Across-Instances", version: "0.01", allPerls: { pass: 0, fail: 1, total: 1 } } },
    ]);
    await reports.dispose();
    await releases.dispose();
  });

  it("delivers to a subscriber on instance A an upload added on instance B", async () => {
    const { apiA, apiB, uploader } = cluster();
    const before = await subscribers(apiA, "UPLOAD_ADDED");
    const uploads = subscribe(apiA, UPLOADS, { author: "ACROSS" });
    await subscribed(apiA, "UPLOAD_ADDED", 1, before);
    const response = await fetch(`${apiB}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${uploader}` },
      body: JSON.stringify({
        query: `mutation { addUpload(distfile: "ACROSS/Across-Upload-1.0.tar.gz") { outcome } }`,
      }),
    });
    expect(await response.json()).toEqual({
      data: { addUpload: { outcome: "ADDED" } },
      extensions: { cost: { limit: 1000, nodes: 0, requested: 1 } },
    });
    expect((await uploads.waitForCount(1, 20_000)).map((r) => r.data)).toEqual([
      { uploadAdded: { dist: "Across-Upload", version: "1.0", author: "ACROSS" } },
    ]);
    await uploads.dispose();
  });
}

describe("the live flow in one process on PGlite", () => {
  let platform: TestPlatform;
  let cluster: Cluster;
  beforeAll(async () => {
    platform = await startTestPlatform({ name: "pglite" });
    const submitter = await testerWithToken(platform.database.db);
    const uploader = await createApiToken(platform.database.db, TESTER.id, "PAUSE", ["upload:write"]);
    cluster = { apiA: platform.url, apiB: platform.url, submitter, uploader };
  });
  afterAll(() => platform.stop());

  liveFlow(() => cluster);
});

// Real processes need a database and Redis that processes share: Postgres and Redis only.
describe.each(testBackends().filter((b) => b.postgresUrl && b.redisUrl))(
  "two API instances and an ETL process on $name",
  (backend) => {
    let database: TestDatabase;
    let processes: CliProcess[] = [];
    let cluster: Cluster;
    beforeAll(async () => {
      database = await createTestDatabase(backend);
      const submitter = await testerWithToken(database.database.db);
      const uploader = await createApiToken(database.database.db, TESTER.id, "PAUSE", ["upload:write"]);
      const env = {
        DATABASE_URL: database.url ?? "",
        REDIS_URL: backend.redisUrl ?? "",
        // Test files share the machine's Redis: channels of this test's own.
        REDIS_PREFIX: `test-${randomBytes(4).toString("hex")}:`,
        ETL_IN_PROCESS: "false",
        PORT: "0",
        ETL_PORT: "0",
      };
      const ready = "CPAN Testers platform ready";
      processes = await Promise.all([
        startCli(["serve"], env, ready),
        startCli(["serve"], env, ready),
        startCli(["etl"], env, "ETL worker running"),
      ]);
      // The ready line names the GraphQL endpoint: http://127.0.0.1:<port>/graphql
      const [apiA = "", apiB = ""] = processes.map((p) => String(p.ready.api).replace(/\/graphql$/, ""));
      cluster = { apiA, apiB, submitter, uploader };
    });
    afterAll(async () => {
      // Each stops cleanly on SIGTERM.
      expect(await Promise.all(processes.map((p) => p.stop()))).toEqual([0, 0, 0]);
      await database.drop();
    });

    liveFlow(() => cluster);
  },
);
