import { Ctx, Query, Resolver } from "type-graphql";
import { AppError, ErrorCode } from "../../errors/index.js";
import type { GraphQLContext } from "../context.js";
import { SystemStatus } from "../types/system-status.type.js";

@Resolver(() => SystemStatus)
export class SystemStatusResolver {
  @Query(() => SystemStatus, {
    description:
      "Whether each component is up, reports received and processed per minute over the last day, the processing lag " +
      "and the queue. Public and cheap: computed at most every 5 s per instance.",
  })
  async systemStatus(@Ctx() { systemStatus }: GraphQLContext): Promise<SystemStatus> {
    if (!systemStatus) throw new AppError(ErrorCode.UNAVAILABLE, "this server does not report its status");
    return Object.assign(new SystemStatus(), await systemStatus());
  }
}
