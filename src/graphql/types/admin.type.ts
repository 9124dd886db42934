import { Field, Int, ObjectType } from "type-graphql";
import { DateTimeScalar } from "../scalars.js";

@ObjectType({ description: "A document the ETL could not process, with why." })
export class FailedDocument {
  @Field(() => String, { description: "The report GUID." })
  id!: string;

  @Field(() => DateTimeScalar, { description: "When intake stored it." })
  receivedAt!: Date;

  @Field(() => String, { description: "Why the ETL could not process it." })
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
  @Field(() => String, { description: "The derived table." })
  table!: string;

  @Field(() => String, { description: "The row's key in that table." })
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

  @Field(() => String, { description: "What the token is for, as named when issued." })
  label!: string;

  @Field(() => [String], { description: "What it may do." })
  scopes!: string[];

  @Field(() => DateTimeScalar, { description: "When it was issued." })
  createdAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true, description: "When it was revoked; null while live." })
  revokedAt!: Date | null;
}

@ObjectType({ description: "A tester with their tokens, for operators (e-mail included)." })
export class AdminTester {
  @Field(() => String, { description: "The tester's id (their Metabase profile GUID for Metabase testers)." })
  id!: string;

  @Field(() => String, { description: "The name they registered." })
  fullName!: string;

  @Field(() => String, { description: "Their e-mail address." })
  email!: string;

  @Field(() => Boolean, { description: "Whether the tester has a Metabase secret." })
  metabase!: boolean;

  @Field(() => DateTimeScalar, { description: "When they registered." })
  createdAt!: Date;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: "Set while blocked: their secret and tokens are refused.",
  })
  blockedAt!: Date | null;

  @Field(() => [AdminToken], { description: "Every token they hold, revoked ones too." })
  tokens!: AdminToken[];
}

@ObjectType({ description: "A token just issued: shown once, never stored." })
export class IssuedToken {
  @Field(() => String, { description: "The bearer token. Give it to the tester now: it cannot be shown again." })
  token!: string;

  @Field(() => [String], { description: "What it may do." })
  scopes!: string[];
}
