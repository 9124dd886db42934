import type { ReadCase } from "./read.types.js";
import { sampleReleases } from "./releases.sample.js";

const counts = (row: Record<string, unknown> | null | undefined) =>
  row && { pass: row.pass, fail: row.fail, na: row.na, unknown: row.unknown };

export const releaseSummary: ReadCase = {
  name: "release-summary",
  sampleParams: sampleReleases,
  graphql: ({ dist, version }) => ({
    query: `query ReleaseSummary($dist: String!, $version: String!) {
      release(dist: $dist, version: $version) {
        dist version updatedAt
        allPerls { pass fail na unknown total }
        stablePerls { pass fail na unknown total }
      }
    }`,
    variables: { dist, version },
  }),
  postgraphile: ({ dist, version }) => ({
    query: `query ReleaseSummary($dist: String!, $version: String!) {
      releaseByDistAndVersion(dist: $dist, version: $version) {
        dist version pass fail na unknown stablePass stableFail stableNa stableUnknown updatedAt
      }
    }`,
    variables: { dist, version },
  }),
  agree: {
    baseline: (rows) => counts(rows[0]),
    graphql: (data) => counts((data.release as { allPerls?: Record<string, unknown> } | null)?.allPerls),
    postgraphile: (data) => counts(data.releaseByDistAndVersion as Record<string, unknown> | null),
  },
};
