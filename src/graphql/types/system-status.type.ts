import { Field, Float, Int, ObjectType, registerEnumType } from "type-graphql";
import { DateTimeScalar } from "../scalars.js";
import { cacheFor, MaxAge } from "../execution/cache-hints.js";

export enum ComponentState {
  UP = "up",
  DOWN = "down",
  NOT_CONFIGURED = "not_configured",
}
registerEnumType(ComponentState, {
  name: "ComponentState",
  description: "Whether a part of the platform is working.",
  valuesConfig: {
    UP: { description: "Alive: its heartbeat is recent, or it answered just now." },
    DOWN: { description: "Missed three heartbeats, or did not answer." },
    NOT_CONFIGURED: { description: "Not part of this deployment (the embedded default runs without Redis or mail)." },
  },
});

@ObjectType({ simpleResolvers: true, description: "One part of the platform and whether it works." })
export class ComponentStatus {
  @Field(() => String, { description: "api, etl, database, redis or mail." })
  kind!: string;

  @Field(() => String, { description: "The process (`api:host:pid`) for instances; the kind for shared services." })
  name!: string;

  @Field(() => ComponentState, { description: "Whether it works now." })
  state!: ComponentState;

  @Field(() => DateTimeScalar, { nullable: true, description: "Its last heartbeat, or when it last answered." })
  lastSeenAt!: Date | null;

  @Field(() => String, {
    nullable: true,
    description: "Version and start time of an instance; the error of a service that is down.",
  })
  detail!: string | null;
}

@ObjectType({
  simpleResolvers: true,
  description: "What the whole platform did in one minute (every instance added up).",
})
export class ActivityMinute {
  @Field(() => DateTimeScalar, { description: "The minute's start." })
  minute!: Date;

  @Field(() => Int, { description: "Reports accepted by intake (every protocol)." })
  received!: number;

  @Field(() => Int, { description: "Reports the ETL made visible." })
  processed!: number;

  @Field(() => Int, { description: "HTTP requests answered by the API instances." })
  requests!: number;
}

@ObjectType({ simpleResolvers: true, description: "The newest counted report." })
export class LastProcessedReport {
  @Field(() => String, { description: "The report's GUID (its page is /report/<guid>)." })
  guid!: string;

  @Field(() => String, { description: "The distribution tested." })
  dist!: string;

  @Field(() => String, { description: "Its version." })
  version!: string;

  @Field(() => String, { description: "pass, fail, na or unknown." })
  grade!: string;

  @Field(() => DateTimeScalar, { description: "When intake stored it." })
  receivedAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true, description: "When the ETL made it visible." })
  processedAt!: Date | null;
}

@cacheFor(MaxAge.status)
@ObjectType({
  simpleResolvers: true,
  description:
    "The platform's health, from the heartbeats and activity every process writes to the database: no Prometheus needed. " +
    "Computed at most every few seconds and shared by every caller.",
})
export class SystemStatus {
  @Field(() => DateTimeScalar, { description: "When this status was computed." })
  checkedAt!: Date;

  @Field(() => Boolean, {
    description: "An API instance and an ETL worker are up, and no configured service is down.",
  })
  healthy!: boolean;

  @Field(() => [ComponentStatus], { description: "API instances, ETL workers, the database, Redis and mail." })
  components!: ComponentStatus[];

  @Field(() => [ActivityMinute], {
    description:
      "Reports received and processed (and requests) per minute over the last 24 hours, oldest first; idle minutes are absent.",
  })
  minutes!: ActivityMinute[];

  @Field(() => Int, { description: "Documents stored and not yet processed (counted up to 100,000)." })
  waitingDocuments!: number;

  @Field(() => Int, { description: "Documents the ETL could not process; operators retry them after a fix." })
  failedDocuments!: number;

  @Field(() => Float, { description: "Seconds the oldest waiting document has waited: how far behind the ETL is now." })
  lagSeconds!: number;

  @Field(() => Float, {
    nullable: true,
    description:
      "99th percentile of report-to-visible time over the last hour, in seconds (a bucket bound); null when nothing was processed.",
  })
  lagP99Seconds!: number | null;

  @Field(() => LastProcessedReport, {
    nullable: true,
    description: "The newest counted report; null before the first.",
  })
  lastProcessed!: LastProcessedReport | null;
}
