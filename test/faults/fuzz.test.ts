import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testerWithToken } from "../factories/report.factory.js";
import { testBackends } from "../helpers/database.js";
import { startTestPlatform, testLog, type TestPlatform } from "../helpers/server.js";
import { fetchSchema, type FuzzTarget, processWaiting, sendInput, verifyAccepted } from "./fuzz.check.js";
import { type FuzzKind, fuzzInputs } from "./fuzz.inputs.js";

/*
 * Mutated and random input over every protocol, against the real server: no answer is a 5xx,
 * every 4xx has its protocol's error body, a refused submission stores nothing, and every
 * accepted one is processed and counted. Bounded by time; `npm run fuzz` runs it for longer.
 */

const BUDGET_MS = 12_000;

describe.each(testBackends())("fuzzed input on $name", (backend) => {
  let platform: TestPlatform;
  let target: FuzzTarget;
  beforeAll(async () => {
    // No worker: the accepted reports are processed and checked at the end.
    platform = await startTestPlatform(backend, { etl: false });
    const token = await testerWithToken(platform.database.db);
    target = { url: platform.url, db: platform.database.db, token, log: testLog };
  });
  afterAll(() => platform.stop());

  it("answers no 5xx, refuses in each protocol's shape, stores only what it counts", { timeout: 90_000 }, async () => {
    const inputs = fuzzInputs(await fetchSchema(platform.url));
    const kinds = new Set<FuzzKind>();
    const accepted: string[] = [];
    let refusedSubmissions = 0;
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(inputs, async (input) => {
        runs += 1;
        // Now and then the ETL runs, so that reads find rows; a failure there fails the property.
        if (runs % 25 === 0) expect(await processWaiting(target)).toBe(0);
        const outcome = await sendInput(target, input);
        kinds.add(input.kind);
        if (outcome.accepted) accepted.push(outcome.accepted);
        if (input.submission && outcome.status >= 400) refusedSubmissions += 1;
        expect(outcome.problems, `${input.method} ${input.path.slice(0, 200)}`).toEqual([]);
      }),
      { numRuns: 2_000, interruptAfterTimeLimit: BUDGET_MS, markInterruptAsFailure: false },
    );
    expect(await verifyAccepted(target, accepted)).toEqual([]);
    // The generators must reach every kind and both outcomes of a submission, or this proves little.
    expect(runs).toBeGreaterThan(100);
    expect(kinds.size).toBe(10);
    expect(accepted.length).toBeGreaterThan(0);
    expect(refusedSubmissions).toBeGreaterThan(0);
  });
});
