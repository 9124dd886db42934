import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Topic } from "../src/events/index.js";
import type { ReportDocument } from "../src/report/index.js";
import { testerWithToken, v3Report } from "./factories/report.factory.js";
import { graphql } from "./generated/index.js";
import { testBackends } from "./helpers/database.js";
import { freePort, PrivateRedis, refuseConnections } from "./helpers/redis-server.js";
import { startTestPlatform, type TestPlatform } from "./helpers/server.js";
import { subscribe, waitForSubscribers } from "./helpers/subscriber.js";
import { waitFor } from "./helpers/wait.js";

const OUTAGE_REPORTS = graphql(`
  subscription OutageReports {
    reportProcessed(filter: { dist: "Outage-Dist" }) {
      guid
      dist
    }
  }
`);

const OUTAGE_RELEASES = graphql(`
  subscription OutageReleases {
    releaseUpdated(dist: "Outage-Dist") {
      dist
      allPerls {
        pass
        total
      }
    }
  }
`);

const OUTAGE_RELEASE = graphql(`
  query OutageRelease {
    release(dist: "Outage-Dist", version: "1.00") {
      allPerls {
        pass
        total
      }
    }
  }
`);

// Where the tests run with Redis (CI has redis-server): the database of the backend, and events
// through a Redis of the test's own, which the test stops and starts.
describe.each(testBackends().filter((b) => b.redisUrl))("losing Redis on $name", (backend) => {
  let redis: PrivateRedis;
  let platform: TestPlatform;
  let token: string;
  beforeAll(async () => {
    redis = await PrivateRedis.start();
    platform = await startTestPlatform(backend, { redisUrl: redis.url });
    token = await testerWithToken(platform.database.db);
  });
  afterAll(async () => {
    await platform.stop();
    await redis.kill();
  });

  const submit = async (report: ReportDocument) => (await platform.submitReport(report, token)).status;
  const processed = (report: ReportDocument) => platform.processedReport(report.id);
  const delivery = (expected: boolean) =>
    waitFor(
      () => (platform.events.delivers(Topic.reportProcessed) === expected ? true : undefined),
      `events ${expected ? "" : "not "}to reach subscribers`,
      20_000,
    );

  it("keeps intake, queries and the ETL going, and resumes subscriptions on the same socket when Redis is back", async () => {
    let connections = 0;
    const subscriber = subscribe(platform.url, OUTAGE_REPORTS);
    subscriber.client.on("connected", () => (connections += 1));
    await waitForSubscribers(platform.events, Topic.reportProcessed, 1);
    const before = v3Report({ dist: "Outage-Dist" });
    expect(await submit(before)).toBe(201);
    await subscriber.waitForCount(1);

    await redis.kill();
    await delivery(false);
    // Intake answers, the ETL counts, queries read: only the event is lost (pub/sub keeps nothing).
    const during = v3Report({ dist: "Outage-Dist" });
    expect(await submit(during)).toBe(201);
    await processed(during);
    expect(await platform.graphql(OUTAGE_RELEASE)).toEqual({
      data: { release: { allPerls: { pass: 2, total: 2 } } },
      extensions: { cost: { limit: 1000, nodes: 0, requested: 1 } },
    });

    // A client that subscribes during the outage, to a topic nobody here had subscribed to, is
    // served too once Redis is back, even when its Redis SUBSCRIBE failed with a reconnection
    // attempt: let two attempts fail after it.
    const refusing = await refuseConnections(redis.port);
    const latecomer = subscribe(platform.url, OUTAGE_RELEASES);
    await waitFor(() => (platform.events.subscribers(Topic.releaseUpdated) === 1 ? true : undefined), "the latecomer");
    const seen = refusing.attempts();
    await waitFor(() => (refusing.attempts() >= seen + 2 ? true : undefined), "two failed reconnections", 20_000);
    await refusing.close();

    await redis.restart();
    await waitForSubscribers(platform.events, Topic.reportProcessed, 1, 20_000);
    await waitForSubscribers(platform.events, Topic.releaseUpdated, 1, 20_000);
    const after = v3Report({ dist: "Outage-Dist" });
    expect(await submit(after)).toBe(201);
    expect((await subscriber.waitForCount(2, 20_000)).map((result) => result.data)).toEqual([
      { reportProcessed: { guid: before.id, dist: "Outage-Dist" } },
      { reportProcessed: { guid: after.id, dist: "Outage-Dist" } },
    ]);
    expect((await latecomer.waitForCount(1, 20_000)).map((result) => result.data)).toEqual([
      { releaseUpdated: { dist: "Outage-Dist", allPerls: { pass: 3, total: 3 } } },
    ]);
    expect(await platform.graphql(OUTAGE_RELEASE)).toEqual({
      data: { release: { allPerls: { pass: 3, total: 3 } } },
      extensions: { cost: { limit: 1000, nodes: 0, requested: 1 } },
    });
    // The client never noticed: one connection from start to end.
    expect(connections).toBe(1);
    await subscriber.dispose();
    await latecomer.dispose();
  });
});

describe.each(testBackends())("starting without Redis on $name", (backend) => {
  let platform: TestPlatform;
  let token: string;
  beforeAll(async () => {
    // Nothing listens there: the platform waits a moment for Redis, then starts without it.
    const unreachable = `redis://127.0.0.1:${await freePort()}`;
    platform = await startTestPlatform(backend, { redisUrl: unreachable, redisConnectTimeoutMs: 300 });
    token = await testerWithToken(platform.database.db);
  });
  afterAll(() => platform.stop());

  it("serves intake, the ETL, queries and subscriptions, with events waiting for Redis", async () => {
    const subscriber = subscribe(platform.url, OUTAGE_REPORTS);
    await waitFor(() => (platform.events.subscribers(Topic.reportProcessed) === 1 ? true : undefined), "subscriber");
    expect(platform.events.delivers(Topic.reportProcessed)).toBe(false);

    const report = v3Report({ dist: "Outage-Dist" });
    expect((await platform.submitReport(report, token)).status).toBe(201);
    await platform.processedReport(report.id);
    expect(await platform.graphql(OUTAGE_RELEASE)).toEqual({
      data: { release: { allPerls: { pass: 1, total: 1 } } },
      extensions: { cost: { limit: 1000, nodes: 0, requested: 1 } },
    });
    await subscriber.dispose();
  });
});
