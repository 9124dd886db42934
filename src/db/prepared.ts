/*
 * When SQL is written by hand. Every statement lives in src/db/queries/, takes `db | tx` first and
 * names its tables and columns through the schema objects (`${reports}`, `${reports.grade}`,
 * `sql.identifier(column.name)`), never as strings. The query builder is the default. A
 * hand-written statement (a whole `sql` template, `prepareSql`/`preparedSql`, `Database.query`)
 * or a named prepared statement is allowed only where a measurement justifies it, with the
 * figure (before and after, and where it was measured) in a comment beside the statement; or
 * where the builder has no form for it at all (TRUNCATE, SET, advisory locks, recursive CTEs,
 * FOR UPDATE SKIP LOCKED under a projection, UPDATE ... FROM unnest), with the construct named
 * in the comment. A statement that has neither goes back to the builder.
 */

import type { SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import type { Db } from "./client.js";

/**
 * A statement built once per database handle with drizzle's `prepare(name)`: the SQL is not
 * rebuilt per call, and on Postgres each pooled connection parses and plans it once (a named
 * server-side statement) instead of on every execution. For the reads that run on every request.
 */
export function preparedPerDb<Statement>(build: (db: Db) => Statement): (db: Db) => Statement {
  const built = new WeakMap<Db, Statement>();
  return (db) => {
    let statement = built.get(db);
    if (!statement) built.set(db, (statement = build(db)));
    return statement;
  };
}

const dialect = new PgDialect();

/** What a prepared statement gives: the rows for its placeholders' values. */
export interface PreparedRows<Row> {
  execute(values: Record<string, unknown>): Promise<Row[]>;
}

/**
 * Raw SQL as a named prepared statement, its parameters given as `sql.placeholder(name)`: for SQL
 * the query builder cannot express (a recursive CTE, say), and for rows that skip drizzle's
 * per-column mapping (a matrix is hundreds of rows). Without a name, Postgres plans a statement
 * on every execution: for the author dashboard that was two thirds of its time (1.15 ms against
 * 0.39 ms prepared). Rows come as the driver gives them: columns by their SQL names (alias them),
 * bigints and timestamps as text.
 */
export function prepareSql<Row>(db: Db, name: string, query: SQL): PreparedRows<Row> {
  const statement = db._.session.prepareQuery(dialect.sqlToQuery(query), undefined, name, false);
  return { execute: async (values) => ((await statement.execute(values)) as { rows: Row[] }).rows };
}

/** prepareSql once per database handle. */
export const preparedSql = <Row>(name: string, query: SQL): ((db: Db) => PreparedRows<Row>) =>
  preparedPerDb((db) => prepareSql<Row>(db, name, query));
