import type { Figure, ResultRow } from "../harness/results.js";
import { measureHttpIntake } from "../intake/http-intake.js";
import { metabaseProtocol, v3Protocol } from "../intake/protocols.js";
import { measureRawInserts, type RawInsertKind } from "../intake/raw-inserts.js";
import { toDocumentRow } from "../load/bulk-load.js";
import type { Scenario } from "../scenario.js";

/** Distinct documents cycled through; enough that Postgres does not see the same text over and over. */
const POOL = 500;

export const scenario: Scenario = {
  name: "intake",
  summary:
    "Reports into the platform over both protocols (v3 JSON and Metabase), end to end: acknowledged, then processed " +
    "by the ETL; against storing the same documents straight into report_documents with single-row INSERTs, " +
    "multi-row INSERTs and COPY. Each contender gets a fresh empty database.",
  order: 30,
  async run(context) {
    // Reports beyond the loaded ones: same generator, ids nobody has seen.
    const reports = Array.from({ length: POOL }, (_, i) => context.generator.reportAt(context.generator.size + i));
    const pool = reports.map((report) => toDocumentRow(report, "bench-intake", false));
    const kinds: RawInsertKind[] = ["single-row INSERT", "multi-row INSERT"];
    if (context.database.kind === "postgres") kinds.push("COPY");
    const baselines: Figure[] = [];
    for (const kind of kinds) {
      context.say(`  ${kind}`);
      baselines.push(
        await measureRawInserts(await context.scratchDatabase(), { kind, pool, options: context.options }),
      );
    }
    const rows: ResultRow[] = [];
    for (const protocol of [v3Protocol(reports), metabaseProtocol(reports)]) {
      context.say(`  ${protocol.name}`);
      const outcome = await measureHttpIntake(context, await context.scratchDatabase(), protocol);
      const stored = `store one report (${protocol.path})`;
      if ("missing" in outcome) {
        rows.push({ case: stored, subject: null, baselines, note: outcome.missing });
        continue;
      }
      rows.push({
        case: stored,
        subject: outcome.acknowledged,
        baselines,
        ...(outcome.note ? { note: outcome.note } : {}),
      });
      if (outcome.processed) {
        rows.push({ case: `store and process (${protocol.path})`, subject: outcome.processed, baselines: [] });
      }
    }
    return {
      rows,
      notes: [
        "Latency of the batch contenders is per batch; throughput counts reports for every contender.",
        "Store and process: every report sent during warm-up and measurement, over the time from the first request until the ETL has processed the last.",
      ],
    };
  },
};
