import { sql } from "drizzle-orm";
import { queryRows } from "../../db/client.js";
import type { ReadCase, ReadParams } from "./read.types.js";

export const monthlyStatistics: ReadCase = {
  name: "monthly-statistics",
  // Twelve-month windows ending at months spread over the data.
  sampleParams: (db, count) =>
    queryRows<ReadParams>(
      db,
      sql`select to_char(m - interval '12 months', 'YYYY-MM-DD') as "from", to_char(m, 'YYYY-MM-DD') as "to"
          from (select distinct month as m from stats_reports_monthly) months
          order by md5(m::text) limit ${count}`,
    ),
  graphql: { missing: "no statistics field in the GraphQL schema on this build (Read API)" },
  postgraphile: {
    missing: "sums over a range of months need GROUP BY, which PostGraphile 4 offers only through a plugin",
  },
  agree: { baseline: (rows) => rows.length },
};
