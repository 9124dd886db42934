import { Arg, Args, Ctx, FieldResolver, Int, Query, Resolver, Root } from "type-graphql";
import { badArgument } from "../args/arguments.js";
import { pageSize } from "../args/connection.args.js";
import { ReportListArgs, sinceIdArgument, toReportFilter } from "../args/report-filter.args.js";
import { cacheFor, MaxAge } from "../execution/cache-hints.js";
import { chargeResponse } from "../execution/execution-budget.js";
import type { GraphQLContext } from "../context.js";
import type { Connection } from "../types/connection.type.js";
import { Release, toRelease } from "../types/release.type.js";
import { ReportDetails, toReportDetails } from "../types/report-details.type.js";
import { Report, ReportConnection, toReport } from "../types/report.type.js";
import { Tester, toTester } from "../types/tester.type.js";
import { displayReporter, isUuid } from "../../report/index.js";
import { reportConnection } from "./report-page.js";

@Resolver(() => Report)
export class ReportResolver {
  @Query(() => Report, {
    nullable: true,
    description: "One report by its GUID or its sequential id (give exactly one); null if unknown.",
  })
  async report(
    @Arg("guid", () => String, { nullable: true, description: "The report GUID." }) guid: string | null | undefined,
    @Arg("reportId", () => Int, { nullable: true, description: "The sequential id." })
    reportId: number | null | undefined,
    @Ctx() { loaders }: GraphQLContext,
  ): Promise<Report | null> {
    if ((guid == null) === (reportId == null))
      throw badArgument("guid or reportId", "given, exactly one", "both or neither");
    if (guid != null) {
      if (!isUuid(guid)) throw badArgument("guid", "a report GUID (a UUID)", guid);
      const row = await loaders.reportByGuid.load(guid.toLowerCase());
      return row && toReport(row);
    }
    const row = await loaders.reportById.load(reportId as number);
    return row && toReport(row);
  }

  @Query(() => ReportConnection, {
    description:
      "Reports, newest first, filtered by any of the arguments. With `sinceId`, oldest first from that id: the " +
      "feed for consumers that copy every report.",
  })
  @cacheFor(MaxAge.counts)
  async reports(
    @Args(() => ReportListArgs) args: ReportListArgs,
    @Ctx() { db }: GraphQLContext,
  ): Promise<Connection<Report>> {
    const sinceId = sinceIdArgument(args.sinceId);
    const filter = { ...toReportFilter(args), ...(args.dist != null ? { dist: args.dist } : {}) };
    return reportConnection(db, filter, {
      first: pageSize(args),
      after: args.after,
      ...(sinceId === undefined ? {} : { sinceId }),
    });
  }

  @FieldResolver(() => Release, { description: "The release tested." })
  async release(@Root() report: Report, @Ctx() { loaders }: GraphQLContext): Promise<Release> {
    const key = { dist: report.dist, version: report.version };
    return toRelease(key, await loaders.releaseByDistVersion.load(key));
  }

  @FieldResolver(() => Tester, { nullable: true, description: "The tester's profile, when the report names one." })
  async tester(@Root() report: Report, @Ctx() { loaders }: GraphQLContext): Promise<Tester | null> {
    const testerId = (await loaders.testerIdByGuid.load(report.guid))?.testerId;
    const row = testerId ? await loaders.testerById.load(testerId) : null;
    return row ? toTester(row) : null;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      "Who the report's document says reported it, as the submitting client gave it and unverified " +
      '("Full Name <email>" or the e-mail alone). `reporter` is the authenticated tester who submitted it.',
  })
  async reportedBy(@Root() report: Report, @Ctx() { loaders }: GraphQLContext): Promise<string | null> {
    const stored = await loaders.reportDocumentByGuid.load(report.guid);
    // Stored documents were validated at intake; still, nothing here is trusted to have a shape.
    const reporter = (stored?.document as { reporter?: { name?: unknown; email?: unknown } } | undefined)?.reporter;
    if (typeof reporter?.email !== "string") return null;
    const name = typeof reporter.name === "string" ? { name: reporter.name } : {};
    return displayReporter({ email: reporter.email, ...name });
  }

  @FieldResolver(() => ReportDetails, {
    nullable: true,
    description: "Output by phase, prerequisites, toolchain and the text, from the stored document.",
    // Query cost (execution/limits.ts): a document read per report, where other fields come with the page.
    complexity: 2,
  })
  async details(@Root() report: Report, @Ctx() context: GraphQLContext): Promise<ReportDetails | null> {
    const stored = await context.loaders.reportDocumentByGuid.load(report.guid);
    if (!stored) return null;
    const details = toReportDetails(stored.document);
    // The text is most of a document: counted against the response limit as it is loaded.
    chargeResponse(context, details.text.length);
    return details;
  }
}
