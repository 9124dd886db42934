import type { Figure, ResultRow } from "../harness/results.js";
import { measureHttpIntake, type PlatformShape, SHAPE_LABEL } from "../intake/http-intake.js";
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
    "multi-row INSERTs and COPY. On Postgres the platform runs twice: as deployed (the API and an ETL worker, each " +
    "in a process of its own) and as `npm start` runs it (the ETL inside the API process); on PGlite only the " +
    "latter. Each contender gets a fresh empty database.",
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
    // End to end is compared with the bulk ways of storing, the floor an intake could approach.
    const bulk = baselines.filter((figure) => !figure.contender.startsWith("single-row"));
    // As deployed (an ETL process beside the API) and as `npm start` runs (the ETL inside the API).
    const shapes: PlatformShape[] = context.database.kind === "postgres" ? ["production", "embedded"] : ["embedded"];
    const rows: ResultRow[] = [];
    for (const protocol of [v3Protocol(reports), metabaseProtocol(reports)]) {
      for (const shape of shapes) {
        context.say(`  ${protocol.name}, ${SHAPE_LABEL[shape]}`);
        const outcome = await measureHttpIntake(context, await context.scratchDatabase(), protocol, shape);
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
          rows.push({ case: `store and process (${protocol.path})`, subject: outcome.processed, baselines: bulk });
        }
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
