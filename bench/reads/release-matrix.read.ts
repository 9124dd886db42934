import type { ReadCase } from "./read.types.js";
import { sampleReleases } from "./releases.sample.js";

const cells = (rows: Record<string, unknown>[], series: string) =>
  rows.map((row) => `${String(row[series])} ${String(row.osname)} ${String(row.grade)} ${String(row.reports)}`).sort();

const GRADES = ["pass", "fail", "na", "unknown"] as const;

/** The platform's cells hold the four grades side by side; PostGraphile has a row per grade. */
const gradeRows = (cell: Record<string, unknown>) =>
  GRADES.filter((grade) => Number(cell[grade]) > 0).map((grade) => ({ ...cell, grade, reports: cell[grade] }));

export const releaseMatrix: ReadCase = {
  name: "release-matrix",
  sampleParams: sampleReleases,
  graphql: ({ dist, version }) => ({
    query: `query ReleaseMatrix($dist: String!, $version: String!) {
      release(dist: $dist, version: $version) {
        matrix { cells { perlSeries osname pass fail na unknown } }
      }
    }`,
    variables: { dist, version },
  }),
  postgraphile: ({ dist, version }) => ({
    query: `query ReleaseMatrix($dist: String!, $version: String!) {
      allReleaseMatrixCells(condition: { dist: $dist, version: $version }) {
        nodes { perlSeries osname grade reports }
      }
    }`,
    variables: { dist, version },
  }),
  agree: {
    baseline: (rows) => cells(rows.flatMap(gradeRows), "perlSeries"),
    graphql: (data) =>
      cells(
        ((data.release as { matrix: { cells: Record<string, unknown>[] } } | null)?.matrix.cells ?? []).flatMap(
          gradeRows,
        ),
        "perlSeries",
      ),
    postgraphile: (data) =>
      cells((data.allReleaseMatrixCells as { nodes: Record<string, unknown>[] }).nodes, "perlSeries"),
  },
};
