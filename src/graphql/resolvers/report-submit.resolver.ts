import { GraphQLJSONObject } from "graphql-scalars";
import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import { authorizeSubmitter } from "../../auth/submitter.auth.js";
import type { GraphQLContext } from "../context.js";
import { ReportSubmission } from "../types/report-submission.type.js";

@Resolver()
export class ReportSubmitResolver {
  @Mutation(() => ReportSubmission, {
    description:
      "Submits a test report: a v3 report document (the JSON of POST /v3/report), checked against the same schema and stored the same way. Needs an API token with the report:submit scope unless the server accepts anonymous reports. Invalid documents fail with BAD_USER_INPUT and `extensions.details`: [{ message, path }].",
  })
  async submitReport(
    @Arg("report", () => GraphQLJSONObject, {
      description: "The report document: reporter, environment, distribution and result, as in the v3 schema.",
    })
    report: Record<string, unknown>,
    @Ctx() context: GraphQLContext,
  ): Promise<ReportSubmission> {
    const tester = await authorizeSubmitter(context, context.authorization);
    const submission = await context.intake.submitReport(report, tester, { requestId: context.requestId });
    return Object.assign(new ReportSubmission(), submission);
  }
}
