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
