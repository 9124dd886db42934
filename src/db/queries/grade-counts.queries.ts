import { type SQL, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { GRADES, type Grade, type GradeCounts } from "../../report/grade.js";

/** A row of four grade counts, as every pivot below returns it. */
export type GradeCountRow = GradeCounts;

/**
 * The grade pivot of every statistic and matrix: one count column per grade, each the sum of
 * `reports` over the rows of that grade, so a rollup's rows (one per grade) fold into one row
 * with four counts under the caller's GROUP BY. The grades are written as literals (they are
 * constants), which keeps each statement's text the same for every call.
 */
export function gradeCountColumns(reports: AnyPgColumn, grade: AnyPgColumn): Record<Grade, SQL<number>> {
  const column = (name: Grade) =>
    sql<number>`coalesce(sum(${reports}) filter (where ${grade} = ${sql.raw(`'${name}'`)}), 0)::int`;
  return Object.fromEntries(GRADES.map((name) => [name, column(name)])) as Record<Grade, SQL<number>>;
}
