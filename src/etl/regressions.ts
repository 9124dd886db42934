import { previousVersion, regressedCells } from "../analysis/index.js";
import type { Db } from "../db/client.js";
import { releaseCells, versionsOf } from "../db/queries/regression.queries.js";
import type { RegressionDetectedPayload } from "../events/index.js";
import type { CountedReport } from "../db/queries/rollup.deltas.js";

const key = (...parts: string[]) => parts.join("\u0000");

/**
 * The regressions this batch revealed: cells (perl series × OS) of a release that now only fail,
 * whose previous release only passed, and whose every fail came in this batch (so each
 * regression is announced once, by the batch that showed it). Two statements per batch with a
 * fail, none without; read inside the batch's transaction, so the counts include its reports.
 */
export async function detectRegressions(
  tx: Db,
  counted: readonly CountedReport[],
  authors: Map<string, string>,
): Promise<RegressionDetectedPayload[]> {
  const batchFails = new Map<string, number>();
  const failing = new Map<string, { dist: string; version: string; author: string | null }>();
  for (const report of counted) {
    if (report.grade !== "fail") continue;
    const cell = key(report.dist, report.version, report.perlSeries, report.osname);
    batchFails.set(cell, (batchFails.get(cell) ?? 0) + 1);
    const release = failing.get(key(report.dist, report.version));
    if (!release || (release.author === null && report.author !== null)) {
      failing.set(key(report.dist, report.version), {
        dist: report.dist,
        version: report.version,
        author: report.author,
      });
    }
  }
  if (failing.size === 0) return [];

  const versions = new Map<string, string[]>();
  for (const { dist, version } of await versionsOf(tx, [...new Set([...failing.values()].map((r) => r.dist))])) {
    versions.set(dist, [...(versions.get(dist) ?? []), version]);
  }
  const pairs = [...failing.values()].flatMap((release) => {
    const previous = previousVersion(versions.get(release.dist) ?? [], release.version);
    return previous ? [{ ...release, previous }] : [];
  });
  const cells = await releaseCells(tx, [
    ...pairs.map(({ dist, version }) => ({ dist, version })),
    ...pairs.map(({ dist, previous }) => ({ dist, version: previous })),
  ]);
  const cellsOf = (dist: string, version: string) => cells.filter((c) => c.dist === dist && c.version === version);
  const detectedAt = new Date().toISOString();
  return pairs.flatMap(({ dist, version, previous, author }) => {
    const regressed = regressedCells(cellsOf(dist, version), cellsOf(dist, previous)).filter(
      (cell) => batchFails.get(key(dist, version, cell.perlSeries, cell.osname)) === cell.failsNow,
    );
    if (regressed.length === 0) return [];
    return [
      {
        dist,
        version,
        previousVersion: previous,
        author: author ?? authors.get(key(dist, version)) ?? null,
        cells: regressed,
        detectedAt,
      },
    ];
  });
}
