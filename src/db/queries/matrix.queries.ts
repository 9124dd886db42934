import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../client.js";
import { releaseMatrixCells } from "../schema/index.js";
import { preparedPerDb } from "../prepared.js";
import { type DistVersion, inKeys, keyArrays } from "./release.queries.js";

export interface GradeCountRow {
  pass: number;
  fail: number;
  na: number;
  unknown: number;
}

export interface ReleaseMatrixRow extends GradeCountRow {
  dist: string;
  version: string;
  perlSeries: string;
  osname: string;
}

export interface DistributionMatrixRow extends GradeCountRow {
  version: string;
  perlSeries: string;
}

/** Pivots the grade rows of the rollup into one row per cell with four counts. */
const gradeColumns = {
  pass: sql<number>`coalesce(sum(${releaseMatrixCells.reports}) filter (where ${releaseMatrixCells.grade} = 'pass'), 0)::int`,
  fail: sql<number>`coalesce(sum(${releaseMatrixCells.reports}) filter (where ${releaseMatrixCells.grade} = 'fail'), 0)::int`,
  na: sql<number>`coalesce(sum(${releaseMatrixCells.reports}) filter (where ${releaseMatrixCells.grade} = 'na'), 0)::int`,
  unknown: sql<number>`coalesce(sum(${releaseMatrixCells.reports}) filter (where ${releaseMatrixCells.grade} = 'unknown'), 0)::int`,
};

/**
 * The matrices of these releases (perl series x OS), one statement for any number of releases,
 * each read from its primary-key range of release_matrix_cells.
 */
const matricesByKeys = preparedPerDb((db) => {
  const t = releaseMatrixCells;
  return db
    .select({ dist: t.dist, version: t.version, perlSeries: t.perlSeries, osname: t.osname, ...gradeColumns })
    .from(t)
    .where(inKeys(t))
    .groupBy(t.dist, t.version, t.perlSeries, t.osname)
    .prepare("release_matrices_by_keys");
});

export function releaseMatrices(db: Db, keys: readonly DistVersion[]): Promise<ReleaseMatrixRow[]> {
  if (keys.length === 0) return Promise.resolve([]);
  return matricesByKeys(db).execute(keyArrays(keys));
}

/** The matrix of a distribution: version x perl series, summed over operating systems. */
export function distributionMatrix(db: Db, dist: string): Promise<DistributionMatrixRow[]> {
  const t = releaseMatrixCells;
  return db
    .select({ version: t.version, perlSeries: t.perlSeries, ...gradeColumns })
    .from(t)
    .where(and(eq(t.dist, dist)))
    .groupBy(t.version, t.perlSeries);
}
