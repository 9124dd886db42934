import { Field, ObjectType } from "type-graphql";
import type { ReleaseUpdatedPayload } from "../../events/index.js";
import { DateTimeScalar } from "../scalars.js";
import { GradeCounts, releaseCounts } from "./grade-counts.type.js";

@ObjectType({ simpleResolvers: true, description: "A release's report counts, just after new reports changed them." })
export class ReleaseUpdatedEvent {
  @Field(() => String, { description: "Distribution name, e.g. `Data-Printer`." })
  dist!: string;

  @Field(() => String, { description: "Version, e.g. `0.39`." })
  version!: string;

  @Field(() => GradeCounts, { description: "The new counts over every perl, development perls included." })
  allPerls!: GradeCounts;

  @Field(() => GradeCounts, { description: "The new counts over stable perls only." })
  stablePerls!: GradeCounts;

  @Field(() => DateTimeScalar, { description: "When these counts were written." })
  updatedAt!: Date;
}

export function toReleaseUpdatedEvent(payload: ReleaseUpdatedPayload): ReleaseUpdatedEvent {
  return Object.assign(new ReleaseUpdatedEvent(), {
    dist: payload.dist,
    version: payload.version,
    ...releaseCounts(payload),
    updatedAt: new Date(payload.updatedAt),
  });
}
