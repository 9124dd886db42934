import { sql } from "drizzle-orm";
import { queryRows } from "../../src/db/client.js";
import type { AuthorDistribution } from "../../src/db/queries/upload.queries.js";
import type { ReadCase, ReadParams } from "./read.types.js";

export const authorDashboard: ReadCase = {
  name: "author-dashboard",
  // Prolific authors and occasional ones, half and half.
  sampleParams: (db, count) => {
    const half = Math.max(1, Math.floor(count / 2));
    return queryRows<ReadParams>(
      db,
      sql`(select author from uploads where author is not null group by author order by count(*) desc, author limit ${half})
          union all
          (select author from uploads where author is not null group by author order by md5(author) limit ${count - half})`,
    );
  },
  graphql: ({ author }) => ({
    query: `query AuthorDashboard($author: String!) {
      author(pauseId: $author) {
        distributions(first: 100) {
          nodes { name latestRelease { version allPerls { pass fail na unknown } } }
        }
      }
    }`,
    variables: { author },
  }),
  postgraphile: {
    missing:
      "uploads has no foreign key to releases, so PostGraphile 4 cannot join them without a computed column or plugin",
  },
  agree: {
    baseline: (rows) =>
      (rows as unknown as AuthorDistribution[]).map(
        (row) => `${row.dist} ${row.latestUpload?.version ?? "null"} ${row.latestRelease?.fail ?? 0}`,
      ),
    graphql: (data) =>
      (
        data.author as {
          distributions: {
            nodes: { name: string; latestRelease: { version: string; allPerls: { fail: number } } | null }[];
          };
        } | null
      )?.distributions.nodes.map(
        (node) => `${node.name} ${node.latestRelease?.version ?? "null"} ${node.latestRelease?.allPerls.fail ?? 0}`,
      ),
  },
};
