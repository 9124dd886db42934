import { Field, Int, ObjectType } from "type-graphql";
import type { OutboxMessageRow, WebSessionRow } from "../../db/schema/index.js";
import { DateTimeScalar } from "../scalars.js";

/* The outbox and sign-ins as operators and the development mailbox see them. */

@ObjectType({ description: "A message in the outbox." })
export class MailMessage {
  @Field(() => Int, { description: "The sequential id." })
  id!: number;

  @Field(() => String, { description: "sign-in, report, digest, conversation or invalid." })
  kind!: string;

  @Field(() => String, { description: "The address it goes to." })
  recipient!: string;

  @Field(() => String, { description: "The subject line." })
  subject!: string;

  @Field(() => String, { description: "queued, sent (accepted by SMTP), kept (development mailbox) or failed." })
  status!: string;

  @Field(() => Int, { description: "Delivery attempts so far." })
  attempts!: number;

  @Field(() => String, { nullable: true, description: "Why the last attempt failed." })
  lastError!: string | null;

  @Field(() => DateTimeScalar, { description: "When it was written." })
  createdAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true, description: "When it was delivered (sent or kept); null while not." })
  sentAt!: Date | null;

  @Field(() => String, { nullable: true, description: "Development mailbox only: the plain-text body." })
  text!: string | null;

  @Field(() => String, { nullable: true, description: "Development mailbox only: the HTML body." })
  html!: string | null;

  @Field(() => String, { nullable: true, description: "Development mailbox only: the headers, as JSON." })
  headers!: string | null;
}

export function toMailMessage(row: OutboxMessageRow, withBody: boolean): MailMessage {
  return Object.assign(new MailMessage(), {
    id: row.id,
    kind: row.kind,
    recipient: row.recipient,
    subject: row.subject,
    status: row.status,
    attempts: row.attempts,
    lastError: row.lastError,
    createdAt: row.createdAt,
    sentAt: row.sentAt,
    text: withBody ? row.textBody : null,
    html: withBody ? row.htmlBody : null,
    headers: withBody ? JSON.stringify(row.headers) : null,
  });
}

@ObjectType({ description: "The outbox at a glance, for operators." })
export class OutboxStats {
  @Field(() => Int, { description: "Messages waiting to be sent or retried." })
  queued!: number;

  @Field(() => Int, { description: "Messages accepted by the SMTP server." })
  sent!: number;

  @Field(() => Int, { description: "Messages kept in the development mailbox (no SMTP_URL)." })
  kept!: number;

  @Field(() => Int, { description: "Messages given up on." })
  failed!: number;

  @Field(() => DateTimeScalar, { nullable: true, description: "When the oldest message still queued was queued." })
  oldestQueuedAt!: Date | null;

  @Field(() => String, { description: "smtp, or mailbox when SMTP_URL is not set." })
  transport!: string;
}

@ObjectType({ description: "A sign-in, for operators." })
export class SignInRecord {
  @Field(() => String, { description: "author or tester." })
  kind!: string;

  @Field(() => String, { description: "The PAUSE id or the tester's address." })
  subject!: string;

  @Field(() => DateTimeScalar, { description: "When the link was used." })
  signedInAt!: Date;

  @Field(() => DateTimeScalar, { description: "When the session ends." })
  expiresAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true, description: "When it was signed out; null while live." })
  revokedAt!: Date | null;

  @Field(() => String, { nullable: true, description: "The address the link was used from." })
  ip!: string | null;
}

export function toSignInRecord(row: WebSessionRow): SignInRecord {
  return Object.assign(new SignInRecord(), {
    kind: row.kind,
    subject: row.subject,
    signedInAt: row.signedInAt,
    expiresAt: row.expiresAt,
    revokedAt: row.revokedAt,
    ip: row.ip,
  });
}
