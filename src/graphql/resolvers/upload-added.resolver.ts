import { Arg, Resolver, Root, Subscription, type SubscribeResolverData } from "type-graphql";
import { Topic, type UploadAddedPayload, uploadFilter } from "../../events/index.js";
import type { GraphQLContext } from "../context.js";
import { toUploadAddedEvent, UploadAddedEvent } from "../types/upload-added.type.js";

type Args = { author?: string | null; dist?: string | null };

@Resolver()
export class UploadAddedResolver {
  @Subscription(() => UploadAddedEvent, {
    description:
      "Releases as they reach CPAN (addUpload, or an imported uploads list): what smokers watch to test new releases at once. Re-imports of known uploads send nothing.",
    subscribe: ({ args, context }: SubscribeResolverData<unknown, Args, GraphQLContext>) =>
      context.events.on(Topic.uploadAdded, { filter: uploadFilter(args) }),
  })
  uploadAdded(
    @Root() payload: UploadAddedPayload,
    @Arg("author", () => String, { nullable: true, description: "Only uploads by this PAUSE id (any case)." })
    _author?: string | null,
    @Arg("dist", () => String, { nullable: true, description: "Only uploads of this distribution." })
    _dist?: string | null,
  ): UploadAddedEvent {
    return toUploadAddedEvent(payload);
  }
}
