import { Field, Int, ObjectType } from "type-graphql";
import { inheritCache } from "../cache-hints.js";

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

export function gradeCounts(pass: number, fail: number, na: number, unknown: number): GradeCounts {
  return Object.assign(new GradeCounts(), { pass, fail, na, unknown, total: pass + fail + na + unknown });
}
