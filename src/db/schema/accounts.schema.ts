import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";

/**
 * People who sign in to the web app (authors by PAUSE id, testers by e-mail), what they asked to
 * be told, and every message sent to them. Only hashes of sign-in links and session tokens are kept.
 */

/** author: `subject` is a PAUSE id; tester: `subject` is the (lower-cased) e-mail address. */
export const ViewerKind = { author: "author", tester: "tester" } as const;
export type ViewerKind = (typeof ViewerKind)[keyof typeof ViewerKind];

/** One-time sign-in links: valid until `expiresAt`, spent by `usedAt`. */
export const signInLinks = pgTable("sign_in_links", {
  /** SHA-256 of the token in the link. */
  tokenHash: text("token_hash").primaryKey(),
  kind: text("kind").$type<ViewerKind>().notNull(),
  subject: text("subject").notNull(),
  /** Where the browser goes after signing in (a path on this site). */
  returnTo: text("return_to").notNull().default("/"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  usedAt: timestamp("used_at", { withTimezone: true }),
});

/** Browser sessions; the cookie holds the token, the table its hash. */
export const webSessions = pgTable(
  "web_sessions",
  {
    tokenHash: text("token_hash").primaryKey(),
    kind: text("kind").$type<ViewerKind>().notNull(),
    subject: text("subject").notNull(),
    /** Sent back in the X-CSRF-Token header of every state-changing request. */
    csrfToken: text("csrf_token").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    /** When the session was first signed in, kept across rotations. */
    signedInAt: timestamp("signed_in_at", { withTimezone: true }).notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    /** The address the sign-in came from, for operators. */
    ip: text("ip"),
  },
  (t) => [
    index("web_sessions_subject_idx").on(t.kind, t.subject),
    index("web_sessions_signed_in_idx").on(t.signedInAt),
  ],
);

/**
 * An author's notification settings: `dist` '' is the author's default, any other value overrides
 * it for that distribution. Defaults as the original mailer: daily, FAIL only, first report per
 * platform, latest version, no patched perls.
 */
export const notificationSettings = pgTable(
  "notification_settings",
  {
    author: text("author").notNull(),
    dist: text("dist").notNull().default(""),
    /** report | daily | weekly | monthly | never */
    frequency: text("frequency").notNull(),
    /** 0 (Sunday) .. 6: the day of a weekly digest. */
    weekday: smallint("weekday").notNull().default(1),
    grades: text("grades").array().notNull(),
    /** Only the first report per platform + perl + grade of a release. */
    firstOnly: boolean("first_only").notNull(),
    /** latest | all | list */
    versions: text("versions").notNull(),
    versionList: text("version_list")
      .array()
      .notNull()
      .default(sql`'{}'`),
    includePatched: boolean("include_patched").notNull(),
    includeDevPerls: boolean("include_dev_perls").notNull(),
    /** Perl series ("5.36") or versions to include; empty: all. */
    perls: text("perls")
      .array()
      .notNull()
      .default(sql`'{}'`),
    excludePerls: text("exclude_perls")
      .array()
      .notNull()
      .default(sql`'{}'`),
    /** Platforms (archname or osname) to include; empty: all. */
    platforms: text("platforms")
      .array()
      .notNull()
      .default(sql`'{}'`),
    excludePlatforms: text("exclude_platforms")
      .array()
      .notNull()
      .default(sql`'{}'`),
    /** The author's default only: distributions never mailed about. */
    ignoredDists: text("ignored_dists")
      .array()
      .notNull()
      .default(sql`'{}'`),
    /** The author's default only: the IANA zone digests are cut in. */
    timeZone: text("time_zone").notNull().default("UTC"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.author, t.dist] })],
);

/** Where the notifier is in the report table: every report up to here has been looked at once. */
export const notificationCursor = pgTable("notification_cursor", {
  id: smallint("id").primaryKey().default(1),
  lastReportId: bigint("last_report_id", { mode: "number" }).notNull(),
});

/** Reports waiting for an author's next digest. */
export const notificationPending = pgTable(
  "notification_pending",
  {
    author: text("author").notNull(),
    reportId: bigint("report_id", { mode: "number" }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.author, t.reportId] }), index("notification_pending_created_idx").on(t.createdAt)],
);

/** queued: waiting or retrying; sent: accepted by SMTP; kept: held in the development mailbox; failed: gave up. */
export const OutboxStatus = { queued: "queued", sent: "sent", kept: "kept", failed: "failed" } as const;
export type OutboxStatus = (typeof OutboxStatus)[keyof typeof OutboxStatus];

/**
 * Every message, rendered, before it is sent. The idempotency key (recipient + digest period, or
 * recipient + report, or the sign-in link) is unique: building a message twice inserts it once.
 */
export const outboxMessages = pgTable(
  "outbox_messages",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    idempotencyKey: text("idempotency_key").notNull(),
    /** sign-in | report | digest | conversation | invalid */
    kind: text("kind").notNull(),
    recipient: text("recipient").notNull(),
    subject: text("subject").notNull(),
    textBody: text("text_body").notNull(),
    htmlBody: text("html_body").notNull(),
    headers: jsonb("headers").$type<Record<string, string>>().notNull(),
    status: text("status").$type<OutboxStatus>().notNull().default("queued"),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("outbox_messages_key_idx").on(t.idempotencyKey),
    index("outbox_messages_due_idx")
      .on(t.nextAttemptAt)
      .where(sql`${t.status} = 'queued'`),
    index("outbox_messages_status_idx").on(t.status, t.id),
    index("outbox_messages_recipient_idx").on(t.recipient, t.id),
  ],
);

/** The token of an author's one-click unsubscribe links. */
export const unsubscribeTokens = pgTable("unsubscribe_tokens", {
  token: text("token").primaryKey(),
  author: text("author").notNull().unique(),
});

/** Messages between a report's author and its tester. */
export const conversationMessages = pgTable(
  "conversation_messages",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    reportGuid: text("report_guid").notNull(),
    /** author | tester: who wrote it. */
    fromSide: text("from_side").$type<ViewerKind>().notNull(),
    /** The writer as shown: the PAUSE id, or the tester's name (never the address). */
    fromName: text("from_name").notNull(),
    body: text("body").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("conversation_messages_report_idx").on(t.reportGuid, t.id)],
);

/**
 * Reports an author marked invalid (the original's "type 3"): kept and shown, but taken out of
 * every count while marked. By GUID, so that a rebuild of the derived tables leaves them out too.
 */
export const reportInvalidations = pgTable("report_invalidations", {
  guid: text("guid").primaryKey(),
  author: text("author").notNull(),
  reason: text("reason").notNull(),
  markedAt: timestamp("marked_at", { withTimezone: true }).notNull(),
});

export type SignInLinkRow = typeof signInLinks.$inferSelect;
export type WebSessionRow = typeof webSessions.$inferSelect;
export type NotificationSettingsRow = typeof notificationSettings.$inferSelect;
export type OutboxMessageRow = typeof outboxMessages.$inferSelect;
export type ConversationMessageRow = typeof conversationMessages.$inferSelect;
export type ReportInvalidationRow = typeof reportInvalidations.$inferSelect;
