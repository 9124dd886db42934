import { Registry } from "prom-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ActivityCounter } from "../src/monitor/activity.js";
import { type Heartbeat, startHeartbeat } from "../src/monitor/heartbeat.js";
import { testerWithToken, v3Report } from "./factories/report.factory.js";
import { testBackends } from "./helpers/database.js";
import { startTestPlatform, type TestPlatform, testLog } from "./helpers/server.js";

/** The status page holds, in its HTML, every component's state and the processing figures. */
describe.each(testBackends())("status page on $name", (backend) => {
  let platform: TestPlatform;
  let heartbeat: Heartbeat;
  const report = v3Report({ dist: "Status-Shown", version: "2.5" });

  beforeAll(async () => {
    const activity = new ActivityCounter();
    platform = await startTestPlatform(backend, { metrics: new Registry(), activity });
    const token = await testerWithToken(platform.database.db);
    expect((await platform.submitReport(report, token)).status).toBe(201);
    await platform.processedReport(report.id);
    heartbeat = await startHeartbeat(
      { db: platform.database.db, log: testLog, activity },
      { kind: "api", intervalMs: 60_000, instance: "api:status-test:1" },
    );
  });
  afterAll(async () => {
    await heartbeat.stop();
    await platform.stop();
  });

  it("renders components, the queue, the last report and the per-minute table on the server", async () => {
    const response = await fetch(`${platform.url}/status`, { headers: { accept: "text/html" } });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/html/);
    const body = await response.text();
    expect(body).toContain("CPAN Testers status");
    // No ETL worker has a heartbeat here: not healthy, and said so.
    expect(body).toContain("Some systems are down.");
    expect(body).toContain("api:status-test:1");
    expect(body).toMatch(/Database<\/td><td><span class="state state-up">up<\/span>/);
    expect(body).toMatch(/Mail<\/td><td><span class="state state-not_configured">not configured<\/span>/);
    expect(body).toContain(`/report/${report.id}`);
    expect(body).toContain("Status-Shown<!-- --> <!-- -->2.5");
    expect(body).toContain("Reports per minute, last 24 hours");
    expect(body).toMatch(/<td>\d{4}-\d\d-\d\dT\d\d:00<\/td><td>1<\/td><td>1<\/td>/);
  });
});
