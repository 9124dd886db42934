import { type SQL, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";

/** One column of rows sent as a single bound array: the schema's column and its values. */
export type ArrayColumn = readonly [column: AnyPgColumn, values: readonly unknown[]];

/**
 * `(c1, c2) select ... from unnest($1::t1[], $2::t2[]) ... order by ordinality`: the column list
 * and rows of an INSERT, with all rows bound as one array per column, typed by the schema. The
 * statement has as many parameters as columns whatever the number of rows, so building it costs
 * nothing per row, and rows keep their order (identity columns are assigned in it).
 */
export function unnestRows(
  columns: readonly ArrayColumn[],
  /** Columns whose value is the same expression in every row, e.g. `clock_timestamp()`. */
  computed: readonly (readonly [column: AnyPgColumn, expression: SQL])[] = [],
): SQL {
  const quoted = (targets: readonly AnyPgColumn[]) =>
    sql.join(
      targets.map((column) => sql.identifier(column.name)),
      sql`, `,
    );
  const names = quoted(columns.map(([column]) => column));
  const targets = quoted([...columns.map(([column]) => column), ...computed.map(([column]) => column)]);
  const values = sql.join([names, ...computed.map(([, expression]) => expression)], sql`, `);
  return sql`(${targets}) select ${values} from ${unnestColumns(columns)} with ordinality as u(${names}, ordinality)
    order by ordinality`;
}

/** `unnest(array, ...)`: the columns' values as rows, e.g. for `(a, b) in (select * from ...)`. */
export function unnestColumns(columns: readonly ArrayColumn[]): SQL {
  const arrays = sql.join(
    columns.map(([column, rows]) => sql`${sql.param(rows)}::${sql.raw(column.getSQLType())}[]`),
    sql`, `,
  );
  return sql`unnest(${arrays})`;
}
