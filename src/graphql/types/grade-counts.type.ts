import { Field, Int, ObjectType } from "type-graphql";
import type { GradeCounts as GradeCountRow } from "../../report/grade.js";
import { NO_RELEASE_COUNTS, type ReleaseCounters } from "../../report/release-counters.js";
import { inheritCache } from "../execution/cache-hints.js";

/**
 * Numbers of reports by grade, with their total. Every type that counts reports (a release's
 * counts, matrix cells, statistics periods) extends it, so the five fields read alike everywhere.
 */
@ObjectType({ simpleResolvers: true, description: "Numbers of reports by grade." })
@inheritCache()
export class GradeCounts {
  @Field(() => Int, { description: "Reports whose tests passed." })
  pass!: number;

  @Field(() => Int, { description: "Reports whose tests failed." })
  fail!: number;

  @Field(() => Int, { description: "Reports saying the release does not apply to the tester's system (N/A)." })
  na!: number;

  @Field(() => Int, { description: "Reports that could not run the tests." })
  unknown!: number;

  @Field(() => Int, { description: "All reports: the sum of the four grades." })
  total!: number;
}

/** The five fields of GradeCounts from a row of four grade counts. */
export function gradesOf(row: GradeCountRow): GradeCounts {
  return {
    pass: row.pass,
    fail: row.fail,
    na: row.na,
    unknown: row.unknown,
    total: row.pass + row.fail + row.na + row.unknown,
  };
}

/** A row of four grade counts with their total added. */
export function withTotal<Row extends GradeCountRow>(row: Row): Row & { total: number } {
  return { ...row, ...gradesOf(row) };
}

/** A release's two views of its counters; a release without reports counts zero. */
export function releaseCounts(counters: ReleaseCounters | null): { allPerls: GradeCounts; stablePerls: GradeCounts } {
  const c = counters ?? NO_RELEASE_COUNTS;
  return {
    allPerls: gradesOf(c),
    stablePerls: gradesOf({ pass: c.stablePass, fail: c.stableFail, na: c.stableNa, unknown: c.stableUnknown }),
  };
}
