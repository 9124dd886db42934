import { and, eq, sql } from "drizzle-orm";
import { isGrade, noGradeCounts } from "../../report/grade.js";
import type { Db } from "../client.js";
import { releaseMatrixCells } from "../schema/index.js";
import { prepareSql } from "../prepared.js";
import { type GradeCountRow, gradeCountColumns } from "./grade-counts.queries.js";
import { byDistVersion, type DistVersion } from "./release.queries.js";

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

/** A row of release_matrix_cells as stored: one grade of one cell. */
interface MatrixGradeRow {
  dist: string;
  version: string;
  perlSeries: string;
  osname: string;
  grade: string;
  reports: number;
}

/**
 * The grade rows of these releases' matrices, one statement for any number of releases, each read
 * from its primary-key range of release_matrix_cells as stored: the four grades are folded into
 * cells here rather than by a GROUP BY, which cost the database more than the whole read.
 * Raw rows, not drizzle's mapping: a popular release has hundreds. Measured on the release-matrix
 * read (BENCHMARKS.md, with the ranked sort): Node CPU per request 1.13 → 1.01 ms.
 */
const matrixRows = byDistVersion<MatrixGradeRow>("release_matrix_rows", releaseMatrixCells, (db, where, name) => {
  const t = releaseMatrixCells;
  return prepareSql(
    db,
    name,
    sql`select ${t.dist} as dist, ${t.version} as version, ${t.perlSeries} as "perlSeries", ${t.osname} as osname,
               ${t.grade} as grade, ${t.reports} as reports
        from ${t} where ${where}`,
  );
});

/** The matrices of these releases: one row per release, perl series and OS, with four counts. */
export async function releaseMatrices(db: Db, keys: readonly DistVersion[]): Promise<ReleaseMatrixRow[]> {
  const cells = new Map<string, ReleaseMatrixRow>();
  for (const row of await matrixRows(db, keys)) {
    if (!isGrade(row.grade)) continue;
    const key = `${row.dist}\0${row.version}\0${row.perlSeries}\0${row.osname}`;
    let cell = cells.get(key);
    if (!cell) {
      const { dist, version, perlSeries, osname } = row;
      cells.set(key, (cell = { dist, version, perlSeries, osname, ...noGradeCounts() }));
    }
    cell[row.grade] += row.reports;
  }
  return [...cells.values()];
}

/** The matrix of a distribution: version x perl series, summed over operating systems. */
export function distributionMatrix(db: Db, dist: string): Promise<DistributionMatrixRow[]> {
  const t = releaseMatrixCells;
  return db
    .select({ version: t.version, perlSeries: t.perlSeries, ...gradeCountColumns(t.reports, t.grade) })
    .from(t)
    .where(and(eq(t.dist, dist)))
    .groupBy(t.version, t.perlSeries);
}
