import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FaultPlatform, streamReports } from "./fault-platform.js";

// ETL workers as separate processes, SIGKILLed at random moments (mid-batch, mid-commit, idle)
// while reports keep coming: a killed batch rolls back, another worker takes it, nothing is lost
// or counted twice.
describe("ETL workers SIGKILLed under a stream of reports", () => {
  let platform: FaultPlatform;
  beforeAll(async () => {
    // Small batches, so that a kill lands inside one more often than between two.
    platform = await FaultPlatform.start({ etlInProcess: false, workers: 1, batchSize: 20 });
  }, 120_000);
  afterAll(() => platform?.stop());

  it("counts every accepted report exactly once", async () => {
    const stream = streamReports(platform.apiUrl, platform.token, 4);
    const kills = 6;
    await platform.killWorkers(kills, 3);
    const figures = await stream.stop();
    await platform.drained();

    expect(platform.killed.size).toBe(kills);
    expect(platform.deaths()).toEqual([]);
    // Postgres never went away: every submission was accepted.
    expect(figures.unexpected).toEqual([]);
    expect(figures.unavailable).toBe(0);
    expect(figures.created.length).toBeGreaterThan(0);
    expect(await platform.outcome(figures.created)).toEqual({ lost: 0, doubled: 0, mismatches: 0, failed: 0 });
  }, 180_000);
});
