import { sql } from "drizzle-orm";
import { queryRows } from "../../src/db/client.js";
import type { ReadCase, ReadParams } from "./read.types.js";

const months = (rows: Record<string, unknown>[]) =>
  rows.map((row) => `${String(row.period).slice(0, 10)} ${String(row.pass)} ${String(row.fail)}`);

export const monthlyStatistics: ReadCase = {
  name: "monthly-statistics",
  // Twelve-month windows (both ends inclusive) ending at months spread over the data.
  sampleParams: (db, count) =>
    queryRows<ReadParams>(
      db,
      sql`select to_char(m - interval '11 months', 'YYYY-MM-DD') as "from", to_char(m, 'YYYY-MM-DD') as "to"
          from (select distinct month as m from stats_reports_monthly) months
          order by md5(m::text) limit ${count}`,
    ),
  graphql: ({ from, to }) => ({
    query: `query MonthlyStatistics($from: Date!, $to: Date!) {
      statistics { reportsPerMonth(from: $from, to: $to) { period pass fail na unknown } }
    }`,
    variables: { from, to },
  }),
  postgraphile: {
    missing: "sums over a range of months need GROUP BY, which PostGraphile 4 offers only through a plugin",
  },
  agree: {
    baseline: months,
    graphql: (data) => months((data.statistics as { reportsPerMonth: Record<string, unknown>[] }).reportsPerMonth),
  },
};
