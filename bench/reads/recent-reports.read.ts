import type { ReadCase } from "./read.types.js";

const ids = (rows: Record<string, unknown>[]) => rows.map((row) => String(row.id));

export const recentReports: ReadCase = {
  name: "recent-reports",
  // The newest page is the same for everyone: a hot read that the index answers from its end.
  sampleParams: async () => [{ limit: "50" }],
  graphql: ({ limit }) => ({
    query: `query RecentReports($first: Int!) {
      reports(first: $first) {
        nodes { reportId guid grade dist version reporter perl platform osname osversion submittedAt }
      }
    }`,
    variables: { first: Number(limit) },
  }),
  postgraphile: ({ limit }) => ({
    query: `query RecentReports($first: Int!) {
      allReports(orderBy: ID_DESC, first: $first) {
        nodes { id guid grade dist version tester perl platform osname osversion submittedAt }
      }
    }`,
    variables: { first: Number(limit) },
  }),
  agree: {
    baseline: ids,
    graphql: (data) => (data.reports as { nodes: { reportId: number }[] }).nodes.map((node) => String(node.reportId)),
    postgraphile: (data) => ids((data.allReports as { nodes: Record<string, unknown>[] }).nodes),
  },
};
