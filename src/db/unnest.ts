import { type SQL, sql } from "drizzle-orm";

/** One column of rows sent as a single bound array: its name, its Postgres type, its values. */
export type ArrayColumn = readonly [name: string, type: string, values: readonly unknown[]];

/**
 * `(c1, c2) select ... from unnest($1::t1[], $2::t2[]) ... order by ordinality`: the column list
 * and rows of an INSERT, with all rows bound as one array per column. The statement has as many
 * parameters as columns whatever the number of rows, so building it costs nothing per row, and
 * rows keep their order (identity columns are assigned in it).
 */
export function unnestRows(
  columns: readonly ArrayColumn[],
  /** Columns whose value is the same expression in every row, e.g. `clock_timestamp()`. */
  computed: Record<string, SQL> = {},
): SQL {
  const quoted = (names: string[]) => sql.raw(names.map((name) => `"${name}"`).join(", "));
  const names = quoted(columns.map(([name]) => name));
  const extra = Object.entries(computed);
  const targets = quoted([...columns.map(([name]) => name), ...extra.map(([name]) => name)]);
  const values = sql.join([names, ...extra.map(([, expression]) => expression)], sql`, `);
  const arrays = sql.join(
    columns.map(([, type, rows]) => sql`${sql.param(rows)}::${sql.raw(type)}[]`),
    sql`, `,
  );
  return sql`(${targets}) select ${values} from unnest(${arrays}) with ordinality as u(${names}, ordinality)
    order by ordinality`;
}
