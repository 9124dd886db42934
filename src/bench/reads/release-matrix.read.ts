import type { ReadCase } from "./read.types.js";
import { sampleReleases } from "./releases.sample.js";

const cells = (rows: Record<string, unknown>[], series: string) =>
  rows.map((row) => `${String(row[series])} ${String(row.osname)} ${String(row.grade)} ${String(row.reports)}`).sort();

export const releaseMatrix: ReadCase = {
  name: "release-matrix",
  sampleParams: sampleReleases,
  graphql: { missing: "no matrix field in the GraphQL schema on this build (Read API)" },
  postgraphile: ({ dist, version }) => ({
    query: `query ReleaseMatrix($dist: String!, $version: String!) {
      allReleaseMatrixCells(condition: { dist: $dist, version: $version }) {
        nodes { perlSeries osname grade reports }
      }
    }`,
    variables: { dist, version },
  }),
  agree: {
    baseline: (rows) => cells(rows, "perl_series"),
    postgraphile: (data) =>
      cells((data.allReleaseMatrixCells as { nodes: Record<string, unknown>[] }).nodes, "perlSeries"),
  },
};
