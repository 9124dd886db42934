import { Arg, Resolver, Root, Subscription, type SubscribeResolverData } from "type-graphql";
import { releaseFilter, type ReleaseUpdatedPayload, Topic } from "../../events/index.js";
import type { GraphQLContext } from "../context.js";
import { ReleaseUpdatedEvent, toReleaseUpdatedEvent } from "../types/release-updated.type.js";

type Args = { dist: string; version?: string | null };

@Resolver()
export class ReleaseUpdatedResolver {
  @Subscription(() => ReleaseUpdatedEvent, {
    description:
      "A distribution's releases with their new counts, each time new reports change them (at most once per ETL batch and release).",
    subscribe: ({ args, context }: SubscribeResolverData<unknown, Args, GraphQLContext>) =>
      context.events.on(Topic.releaseUpdated, { filter: releaseFilter(args) }),
  })
  releaseUpdated(
    @Root() payload: ReleaseUpdatedPayload,
    @Arg("dist", () => String, { description: "Distribution name, e.g. `Data-Printer`." }) _dist: string,
    @Arg("version", () => String, {
      nullable: true,
      description: "Only this version, e.g. `0.39`; every version of the distribution when absent.",
    })
    _version?: string | null,
  ): ReleaseUpdatedEvent {
    return toReleaseUpdatedEvent(payload);
  }
}
