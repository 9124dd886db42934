import { and, asc, inArray, ne, sql } from "drizzle-orm";
import { type Db } from "../client.js";
import { releaseMatrixCells, releases } from "../schema/index.js";

export interface CellRow {
  dist: string;
  version: string;
  perlSeries: string;
  osname: string;
  pass: number;
  fail: number;
}

/** Pass and fail counts per perl series × OS of these releases. */
export async function releaseCells(db: Db, keys: readonly { dist: string; version: string }[]): Promise<CellRow[]> {
  if (keys.length === 0) return [];
  const c = releaseMatrixCells;
  const rows = await db
    .select({
      dist: c.dist,
      version: c.version,
      perlSeries: c.perlSeries,
      osname: c.osname,
      pass: sql<number>`coalesce(sum(${c.reports}) filter (where ${c.grade} = 'pass'), 0)`,
      fail: sql<number>`coalesce(sum(${c.reports}) filter (where ${c.grade} = 'fail'), 0)`,
    })
    .from(c)
    .where(
      sql`(${c.dist}, ${c.version}) in (${sql.join(
        keys.map((k) => sql`(${k.dist}, ${k.version})`),
        sql`, `,
      )})`,
    )
    .groupBy(c.dist, c.version, c.perlSeries, c.osname);
  return rows.map((row) => ({ ...row, pass: Number(row.pass), fail: Number(row.fail) }));
}

/** Every version of these distributions that has reports. */
export async function versionsOf(db: Db, dists: readonly string[]): Promise<{ dist: string; version: string }[]> {
  if (dists.length === 0) return [];
  return db
    .select({ dist: releases.dist, version: releases.version })
    .from(releases)
    .where(inArray(releases.dist, [...dists]));
}

export interface SeriesBreakRow {
  dist: string;
  version: string;
  stablePass: number;
  devFail: number;
}

/**
 * Releases that pass on the stable series and fail on the development series, in every report
 * of each: what "Blead Breaks CPAN" lists. Read from the matrix cells, one row per series × OS.
 */
export async function seriesBreaks(db: Db, stableSeries: string, devSeries: string): Promise<SeriesBreakRow[]> {
  const c = releaseMatrixCells;
  const sum = (series: string, grade: string) =>
    sql<number>`coalesce(sum(${c.reports}) filter (where ${c.perlSeries} = ${series} and ${c.grade} = ${grade}), 0)`;
  const rows = await db
    .select({
      dist: c.dist,
      version: c.version,
      stablePass: sum(stableSeries, "pass"),
      devFail: sum(devSeries, "fail"),
    })
    .from(c)
    .where(and(inArray(c.perlSeries, [stableSeries, devSeries]), ne(c.grade, "na")))
    .groupBy(c.dist, c.version)
    .having(
      sql`${sum(stableSeries, "pass")} > 0 and ${sum(stableSeries, "fail")} = 0 and ${sum(devSeries, "fail")} > 0 and ${sum(devSeries, "pass")} = 0`,
    )
    .orderBy(asc(c.dist), asc(c.version));
  return rows.map((row) => ({ ...row, stablePass: Number(row.stablePass), devFail: Number(row.devFail) }));
}
