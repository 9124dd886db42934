import { Arg, Resolver, Root, Subscription, type SubscribeResolverData } from "type-graphql";
import { reportFilter, type ReportProcessedPayload, Topic } from "../../events/index.js";
import type { GraphQLContext } from "../context.js";
import { ReportProcessedEvent, ReportProcessedFilter, toReportProcessedEvent } from "../types/report-processed.type.js";

type Args = { filter?: ReportProcessedFilter | null };

@Resolver()
export class ReportProcessedResolver {
  @Subscription(() => ReportProcessedEvent, {
    description:
      "Every test report as soon as it is counted, from any API instance's intake. The filter runs on the server. Events are not stored: a client that reconnects catches up by report id with a query.",
    // The filter runs where events are published, so a report this subscriber does not want is
    // never queued for it: what keeps thousands of narrow subscribers cheap.
    subscribe: ({ args, context }: SubscribeResolverData<unknown, Args, GraphQLContext>) =>
      context.events.on(Topic.reportProcessed, { filter: reportFilter(args.filter) }),
  })
  reportProcessed(
    @Root() payload: ReportProcessedPayload,
    @Arg("filter", () => ReportProcessedFilter, {
      nullable: true,
      description: "Which reports to receive; every report when absent.",
    })
    _filter?: ReportProcessedFilter | null,
  ): ReportProcessedEvent {
    return toReportProcessedEvent(payload);
  }
}
