import { sql } from "drizzle-orm";
import { queryRows } from "../../db/client.js";
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
        uploads(first: 100) {
          nodes { dist version releasedAt release { allPerls { pass fail na unknown } } }
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
    baseline: (rows) => rows.map((row) => `${String(row.dist)} ${String(row.version)} ${String(row.fail)}`),
    graphql: (data) =>
      (
        data.author as {
          uploads: { nodes: { dist: string; version: string; release: { allPerls: { fail: number } } }[] };
        } | null
      )?.uploads.nodes.map((node) => `${node.dist} ${node.version} ${node.release.allPerls.fail}`),
  },
};
