import { measureHttp, graphqlRequest } from "../harness/measure.js";
import type { LoadRequest } from "../harness/load.types.js";
import type { Figure } from "../harness/results.js";
import { isPlatform, type TargetName, TARGETS, targetAvailable, targetLabel } from "../harness/targets.js";
import { releaseSummary } from "../reads/release-summary.read.js";
import type { Scenario } from "../scenario.js";

/** How long a server sits without requests before its idle RSS is read (shorter in smoke runs). */
const IDLE_MS = { full: 5_000, smoke: 500 };

export const scenario: Scenario = {
  name: "memory",
  summary:
    "Resident memory (VmRSS) of each server process: idle after start-up, and the peak while it serves the " +
    "release-summary read, which every target can express, under the same load.",
  // Before the reads, which then reuse its servers instead of starting their own.
  order: 5,
  async run(context) {
    const params = context.readParams.get(releaseSummary.name) ?? [];
    const figures = new Map<TargetName, Figure>();
    // The contenders only: the observability scenario's variants of the platform are not.
    const contenders = (Object.keys(TARGETS) as TargetName[]).filter((target) => TARGETS[target].reads);
    for (const target of contenders) {
      if (!targetAvailable(target, context.database)) continue;
      // A new process: its idle memory must not include what earlier scenarios made it allocate.
      const server = await context.freshServer(target);
      await new Promise((resolve) => setTimeout(resolve, context.options.smoke ? IDLE_MS.smoke : IDLE_MS.full));
      const rssIdleMiB = server.rssMiB();
      const { figure, rssLoadMiB } = await measureHttp(
        context.load,
        server,
        targetLabel(target, context.database),
        requestsFor(target, params),
        context.options,
        target !== "baseline",
      );
      const { contender, throughput, unit, errors } = figure;
      figures.set(target, { contender, rssIdleMiB, rssLoadMiB, throughput, unit, errors });
    }
    const skipped = contenders.filter((target) => !targetAvailable(target, context.database));
    return {
      notes: skipped.map((target) => `${TARGETS[target].label} needs Postgres: not run on PGlite`),
      rows: [
        {
          case: "release-summary load",
          subject: figures.get("graphql") ?? null,
          baselines: (["graphql-uncached", "baseline", "postgraphile"] as const).flatMap(
            (target) => figures.get(target) ?? [],
          ),
        },
      ],
    };
  },
};

function requestsFor(target: TargetName, params: Record<string, string>[]): LoadRequest[] {
  return params.map((p) => {
    if (target === "baseline")
      return { method: "GET", path: `/read/${releaseSummary.name}?${new URLSearchParams(p).toString()}` };
    const operation = isPlatform(target) ? releaseSummary.graphql : releaseSummary.postgraphile;
    if ("missing" in operation) throw new Error(`${target} cannot express ${releaseSummary.name}`);
    const call = operation(p);
    return graphqlRequest(call.query, call.variables);
  });
}
