import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { waitFor } from "../helpers/wait.js";
import { FaultPlatform, pause, streamReports, timeToCount } from "./fault-platform.js";

// The default shape (the ETL inside the API) beside a worker process of its own: both must live
// through the restarts, answer 503 meanwhile, and LISTEN again when the database is back.
describe("a Postgres restart under a stream of reports", () => {
  let platform: FaultPlatform;
  beforeAll(async () => {
    platform = await FaultPlatform.start({ etlInProcess: true, workers: 1 });
  }, 120_000);
  afterAll(() => platform?.stop());

  it("kills no process, answers only 201 or 503, counts every 201 once, and LISTENs again", async () => {
    expect(await platform.listeners()).toBe(2);
    const stream = streamReports(platform.apiUrl, platform.token, 4);
    const latencies: number[] = [];
    for (let restart = 0; restart < 2; restart += 1) {
      await pause(1_500);
      const before = stream.figures.unavailable;
      await platform.restartPostgres(1_500);
      expect(platform.deaths()).toEqual([]);
      // The outage was seen by the clients, as 503s.
      expect(stream.figures.unavailable).toBeGreaterThan(before);
      // Both ETLs (the API's and the worker's) LISTEN again within a second.
      await waitFor(async () => ((await platform.listeners()) === 2 ? true : undefined), "two LISTEN sessions", 1_000);
      latencies.push(await timeToCount(platform));
    }
    await pause(1_000);
    const figures = await stream.stop();
    await platform.drained();

    expect(platform.deaths()).toEqual([]);
    expect(figures.unexpected).toEqual([]);
    expect(figures.unavailableWithoutRetryAfter).toBe(0);
    expect(figures.created.length).toBeGreaterThan(0);
    expect(await platform.outcome(figures.created)).toEqual({ lost: 0, doubled: 0, mismatches: 0, failed: 0 });
    // Woken by NOTIFY, not by the 10-minute poll: counted within a second of the 201.
    for (const latency of latencies) expect(latency).toBeLessThan(1_000);
  }, 120_000);

  it("answers GraphQL with UNAVAILABLE and HTTP 503, and /readyz 503, while the database is down", async () => {
    await platform.postgres.stop();
    try {
      const graphql = await fetch(`${platform.apiUrl}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        // A version never asked for: no cached answer can stand in for the database.
        body: JSON.stringify({ query: `{ release(dist: "Fault-Dist-1", version: "${Date.now()}") { dist } }` }),
      });
      expect(graphql.status).toBe(503);
      expect(graphql.headers.get("retry-after")).toBe("2");
      const body = (await graphql.json()) as { errors: { extensions: { code: string } }[] };
      expect(body.errors.map((error) => error.extensions.code)).toEqual(["UNAVAILABLE"]);

      const ready = await fetch(`${platform.apiUrl}/readyz`);
      expect(ready.status).toBe(503);
      expect(ready.headers.get("retry-after")).toBe("2");
    } finally {
      await platform.postgres.restart();
    }
    await waitFor(async () => ((await fetch(`${platform.apiUrl}/readyz`)).status === 200 ? true : undefined), "ready");
    expect(platform.deaths()).toEqual([]);
  }, 60_000);
});
