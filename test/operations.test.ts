import { type AddressInfo, createServer } from "node:net";
import { Registry } from "prom-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { activityMinutes, componentHeartbeats } from "../src/db/schema/index.js";
import { ActivityCounter } from "../src/monitor/activity.js";
import { type Heartbeat, startHeartbeat } from "../src/monitor/heartbeat.js";
import { testerWithToken, v3Report } from "./factories/report.factory.js";
import { testBackends } from "./helpers/database.js";
import { startTestPlatform, type TestPlatform, testLog } from "./helpers/server.js";
import { startSmtpServer } from "./helpers/smtp-server.js";

/** The value of one series of a Prometheus text exposition, or undefined when absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

interface StatusResult {
  systemStatus: {
    healthy: boolean;
    components: { kind: string; name: string; state: string }[];
    minutes: { received: number; processed: number; requests: number }[];
    waitingDocuments: number;
    failedDocuments: number;
    lagSeconds: number;
    lagP99Seconds: number | null;
    lastProcessed: { guid: string; dist: string; processedAt: string | null } | null;
  };
}

const STATUS = `{ systemStatus { healthy components { kind name state } minutes { received processed requests }
  waitingDocuments failedDocuments lagSeconds lagP99Seconds lastProcessed { guid dist processedAt } } }`;

describe.each(testBackends())("operations on $name", (backend) => {
  let platform: TestPlatform;
  let token: string;
  const metrics = new Registry();
  const activity = new ActivityCounter();
  let heartbeats: Heartbeat[] = [];

  beforeAll(async () => {
    platform = await startTestPlatform(backend, {
      metrics,
      activity,
      observability: { metricsMaxOperations: 2 },
    });
    token = await testerWithToken(platform.database.db);
  });
  afterAll(async () => {
    for (const heartbeat of heartbeats) await heartbeat.stop();
    await platform.stop();
  });

  it("returns the caller's X-Request-Id, or a fresh one when it is absent or unusable", async () => {
    const given = await fetch(`${platform.url}/healthz`, { headers: { "x-request-id": "edge-42.a" } });
    expect(given.headers.get("x-request-id")).toBe("edge-42.a");
    const made = await fetch(`${platform.url}/healthz`);
    expect(made.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    const refused = await fetch(`${platform.url}/healthz`, { headers: { "x-request-id": "x".repeat(129) } });
    expect(refused.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    const spaces = await fetch(`${platform.url}/healthz`, { headers: { "x-request-id": "a b" } });
    expect(spaces.headers.get("x-request-id")).not.toBe("a b");
  });

  it("carries the request id of a submission into the stored document", async () => {
    const report = v3Report({ dist: "Request-Id", version: "1.0" });
    const response = await fetch(`${platform.url}/v3/report`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        authorization: `Bearer ${token}`,
        "x-request-id": "req-carried-1",
      },
      body: JSON.stringify(report),
    });
    expect(response.status).toBe(201);
    const { id } = (await response.json()) as { id: string };
    const row = await platform.processedReport(id);
    expect(row.requestId).toBe("req-carried-1");
  });

  it("counts intake by protocol and outcome, and report-to-visible latency, in /metrics", async () => {
    const report = v3Report({ dist: "Metric-Dist", version: "0.1" });
    expect((await platform.submitReport(report, token)).status).toBe(201);
    expect((await platform.submitReport(report, token)).status).toBe(200);
    expect((await platform.submitReport({ nonsense: true }, token)).status).toBe(400);
    await platform.processedReport(report.id);
    const text = await (await fetch(`${platform.url}/metrics`)).text();
    expect(sample(text, 'intake_reports_total{protocol="v3",outcome="created"}')).toBeGreaterThanOrEqual(2);
    expect(sample(text, 'intake_reports_total{protocol="v3",outcome="duplicate"}')).toBe(1);
    expect(sample(text, 'intake_reports_total{protocol="v3",outcome="invalid"}')).toBe(1);
    expect(sample(text, 'intake_reports_total{protocol="metabase",outcome="created"}')).toBe(0);
    expect(sample(text, "report_visible_latency_seconds_count")).toBeGreaterThanOrEqual(2);
    expect(sample(text, 'report_visible_latency_seconds_bucket{le="+Inf"}')).toBe(
      sample(text, "report_visible_latency_seconds_count"),
    );
    expect(sample(text, "etl_documents_waiting")).toBe(0);
    expect(sample(text, "etl_documents_failed")).toBe(0);
    expect(sample(text, "etl_oldest_waiting_seconds")).toBe(0);
    expect(sample(text, "events_published_total")).toBeGreaterThanOrEqual(2);
    expect(text).toContain("http_request_duration_seconds_bucket");
  });

  it("labels GraphQL operations by name up to the limit, then as other, and counts errors by code", async () => {
    await platform.graphql("query First { serverInfo { version } }");
    await platform.graphql("query Second { serverInfo { version } }");
    await platform.graphql("query Third { serverInfo { version } }");
    await platform.graphql("{ serverInfo { version } }");
    const failed = await platform.graphql("query First { reports(first: 101) { nodes { guid } } }");
    expect(failed.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const text = await (await fetch(`${platform.url}/metrics`)).text();
    expect(sample(text, 'graphql_operation_duration_seconds_count{operation="First",type="query"}')).toBe(2);
    expect(sample(text, 'graphql_operation_duration_seconds_count{operation="Second",type="query"}')).toBe(1);
    expect(sample(text, 'graphql_operation_duration_seconds_count{operation="other",type="query"}')).toBe(1);
    expect(sample(text, 'graphql_operation_duration_seconds_count{operation="anonymous",type="query"}')).toBe(1);
    expect(text).not.toContain('operation="Third"');
    expect(sample(text, 'graphql_operation_errors_total{operation="First",code="BAD_USER_INPUT"}')).toBe(1);
  });

  it("answers systemStatus from heartbeats and per-minute activity, without Prometheus", async () => {
    const db = platform.database.db;
    const before = await platform.graphql<StatusResult>(STATUS);
    expect(before.errors).toBeUndefined();
    // No process has beaten yet in this database: no instance, so not healthy.
    expect(before.data?.systemStatus.components.map((c) => c.kind)).toEqual(["database", "redis", "mail"]);
    expect(before.data?.systemStatus.healthy).toBe(false);

    heartbeats = [
      await startHeartbeat({ db, log: testLog, activity }, { kind: "api", intervalMs: 60_000, instance: "api:test:1" }),
      await startHeartbeat({ db, log: testLog, activity }, { kind: "etl", intervalMs: 60_000, instance: "etl:test:1" }),
    ];
    // A worker that stopped beating long ago is down.
    await db.insert(componentHeartbeats).values({
      instance: "etl:gone:9",
      kind: "etl",
      version: "0.0.1",
      startedAt: new Date(Date.now() - 7_200_000),
      seenAt: new Date(Date.now() - 3_600_000),
      intervalMs: 10_000,
    });
    // The status is cached for a few seconds: read the rows' effect through a fresh server.
    const fresh = await startTestPlatform(backend, { instanceOf: platform });
    try {
      const after = await fresh.graphql<StatusResult>(STATUS);
      const status = after.data?.systemStatus;
      expect(after.errors).toBeUndefined();
      expect(status?.components).toEqual(
        expect.arrayContaining([
          { kind: "api", name: "api:test:1", state: "UP" },
          { kind: "etl", name: "etl:test:1", state: "UP" },
          { kind: "etl", name: "etl:gone:9", state: "DOWN" },
          { kind: "database", name: "database", state: "UP" },
          { kind: "redis", name: "redis", state: backend.redisUrl ? "UP" : "NOT_CONFIGURED" },
          { kind: "mail", name: "mail", state: "NOT_CONFIGURED" },
        ]),
      );
      expect(status?.healthy).toBe(true);
      const totals = (status?.minutes ?? []).reduce(
        (sum, m) => ({ received: sum.received + m.received, processed: sum.processed + m.processed }),
        { received: 0, processed: 0 },
      );
      expect(totals.received).toBeGreaterThanOrEqual(2);
      expect(totals.processed).toBeGreaterThanOrEqual(2);
      expect(status?.waitingDocuments).toBe(0);
      expect(status?.lagSeconds).toBe(0);
      expect(status?.lagP99Seconds).not.toBeNull();
      expect(status?.lastProcessed?.dist).toBe("Metric-Dist");
      expect(status?.lastProcessed?.processedAt).not.toBeNull();
    } finally {
      await fresh.stop();
    }
    const rows = await db.select().from(activityMinutes);
    expect(new Set(rows.map((r) => r.instance))).toEqual(new Set(["api:test:1"]));
  });

  it("shows mail as the SMTP server answers, or as the development mailbox without SMTP_URL", async () => {
    const smtp = await startSmtpServer();
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const mailOf = async (smtpUrl: string | undefined) => {
      const instance = await startTestPlatform(backend, {
        instanceOf: platform,
        accounts: { smtpUrl, notifyInProcess: false },
      });
      try {
        const result = await instance.graphql<{
          systemStatus: { components: { kind: string; state: string; detail: string | null }[] };
        }>(`{ systemStatus { components { kind state detail } } }`);
        return result.data?.systemStatus.components.find((c) => c.kind === "mail");
      } finally {
        await instance.stop();
      }
    };
    try {
      const { port } = new URL(smtp.url);
      expect(await mailOf(smtp.url)).toEqual({
        kind: "mail",
        state: "UP",
        detail: `the SMTP server 127.0.0.1:${port} answered`,
      });
      const down = await mailOf(`smtp://127.0.0.1:${closedPort}`);
      expect(down?.state).toBe("DOWN");
      expect(down?.detail).toMatch(
        new RegExp(`^the SMTP server 127\\.0\\.0\\.1:${closedPort} failed its check: .*ECONNREFUSED`),
      );
      expect(await mailOf(undefined)).toEqual({
        kind: "mail",
        state: "UP",
        detail: "no SMTP_URL: messages are kept in the development mailbox, none is sent",
      });
    } finally {
      await smtp.close();
    }
  });

  it("records and serves no metrics with METRICS=off, and still counts activity for systemStatus", async () => {
    const registry = new Registry();
    const counted = new ActivityCounter();
    const off = await startTestPlatform(backend, {
      instanceOf: platform,
      metrics: registry,
      activity: counted,
      observability: { metrics: false },
    });
    try {
      expect((await fetch(`${off.url}/metrics`)).status).toBe(404);
      expect((await off.graphql<{ perlVersions: unknown[] }>("query Named { perlVersions { version } }")).errors).toBe(
        undefined,
      );
      const names = (await registry.getMetricsAsJSON()).map((metric) => metric.name);
      expect(
        names.filter((name) =>
          /^(http_request|graphql_operation|graphql_response_cache|process_|nodejs_|db_statement)/.test(name),
        ),
      ).toEqual([]);
      const requests = counted.takeChanged().reduce((sum, minute) => sum + minute.requests, 0);
      expect(requests).toBeGreaterThanOrEqual(2);
    } finally {
      await off.stop();
    }
  });

  it("keeps /metrics off the app when METRICS_PORT moves it", async () => {
    const privateMetrics = await startTestPlatform(backend, {
      instanceOf: platform,
      observability: { metricsPort: 0 },
    });
    try {
      expect((await fetch(`${privateMetrics.url}/metrics`)).status).toBe(404);
    } finally {
      await privateMetrics.stop();
    }
  });
});
