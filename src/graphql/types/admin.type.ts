import { Field, Int, ObjectType } from "type-graphql";
import { DateTimeScalar } from "../scalars.js";

@ObjectType({ description: "A document the ETL could not process, with why." })
export class FailedDocument {
  @Field(() => String, { description: "The report GUID." })
  id!: string;

  @Field(() => DateTimeScalar)
  receivedAt!: Date;

  @Field(() => String)
  error!: string;
}

@ObjectType({ description: "The ETL queue, as `etl --status` prints it." })
export class EtlQueueStatus {
  @Field(() => Int, { description: "Documents waiting to be processed." })
  pending!: number;

  @Field(() => Int, { description: "Documents that failed; retryFailedDocuments queues them again." })
  failed!: number;

  @Field(() => DateTimeScalar, { nullable: true, description: "When the oldest waiting document arrived." })
  oldestPendingAt!: Date | null;

  @Field(() => [FailedDocument], { description: "The latest failures, newest first." })
  failures!: FailedDocument[];
}

@ObjectType({ description: "A derived counter that a recount of the report rows disagrees with." })
export class CountMismatch {
  @Field(() => String)
  table!: string;

  @Field(() => String)
  key!: string;

  @Field(() => String, { description: "Counts recomputed from the report rows." })
  expected!: string;

  @Field(() => String, { description: "Counts the table holds." })
  actual!: string;
}

@ObjectType({ description: "An API token as operators see it: never the token, only its hash." })
export class AdminToken {
  @Field(() => String, { description: "SHA-256 of the token: what revokeToken takes." })
  tokenHash!: string;

  @Field(() => String)
  label!: string;

  @Field(() => [String])
  scopes!: string[];

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true })
  revokedAt!: Date | null;
}

@ObjectType({ description: "A tester with their tokens, for operators (e-mail included)." })
export class AdminTester {
  @Field(() => String)
  id!: string;

  @Field(() => String)
  fullName!: string;

  @Field(() => String)
  email!: string;

  @Field(() => Boolean, { description: "Whether the tester has a Metabase secret." })
  metabase!: boolean;

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: "Set while blocked: their secret and tokens are refused.",
  })
  blockedAt!: Date | null;

  @Field(() => [AdminToken])
  tokens!: AdminToken[];
}

@ObjectType({ description: "A token just issued: shown once, never stored." })
export class IssuedToken {
  @Field(() => String, { description: "The bearer token. Give it to the tester now: it cannot be shown again." })
  token!: string;

  @Field(() => [String])
  scopes!: string[];
}
