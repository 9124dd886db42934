CREATE TABLE "conversation_messages" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "conversation_messages_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"report_guid" text NOT NULL,
	"from_side" text NOT NULL,
	"from_name" text NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notification_cursor" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"last_report_id" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notification_pending" (
	"author" text NOT NULL,
	"report_id" bigint NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "notification_pending_author_report_id_pk" PRIMARY KEY("author","report_id")
);
--> statement-breakpoint
CREATE TABLE "notification_settings" (
	"author" text NOT NULL,
	"dist" text DEFAULT '' NOT NULL,
	"frequency" text NOT NULL,
	"weekday" smallint DEFAULT 1 NOT NULL,
	"grades" text[] NOT NULL,
	"first_only" boolean NOT NULL,
	"versions" text NOT NULL,
	"version_list" text[] DEFAULT '{}' NOT NULL,
	"include_patched" boolean NOT NULL,
	"include_dev_perls" boolean NOT NULL,
	"perls" text[] DEFAULT '{}' NOT NULL,
	"exclude_perls" text[] DEFAULT '{}' NOT NULL,
	"platforms" text[] DEFAULT '{}' NOT NULL,
	"exclude_platforms" text[] DEFAULT '{}' NOT NULL,
	"ignored_dists" text[] DEFAULT '{}' NOT NULL,
	"time_zone" text DEFAULT 'UTC' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notification_settings_author_dist_pk" PRIMARY KEY("author","dist")
);
--> statement-breakpoint
CREATE TABLE "outbox_messages" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "outbox_messages_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"idempotency_key" text NOT NULL,
	"kind" text NOT NULL,
	"recipient" text NOT NULL,
	"subject" text NOT NULL,
	"text_body" text NOT NULL,
	"html_body" text NOT NULL,
	"headers" jsonb NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"created_at" timestamp with time zone NOT NULL,
	"next_attempt_at" timestamp with time zone NOT NULL,
	"sent_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "report_invalidations" (
	"guid" text PRIMARY KEY NOT NULL,
	"author" text NOT NULL,
	"reason" text NOT NULL,
	"marked_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sign_in_links" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"subject" text NOT NULL,
	"return_to" text DEFAULT '/' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "unsubscribe_tokens" (
	"token" text PRIMARY KEY NOT NULL,
	"author" text NOT NULL,
	CONSTRAINT "unsubscribe_tokens_author_unique" UNIQUE("author")
);
--> statement-breakpoint
CREATE TABLE "web_sessions" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"subject" text NOT NULL,
	"csrf_token" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"signed_in_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"ip" text
);
--> statement-breakpoint
CREATE INDEX "conversation_messages_report_idx" ON "conversation_messages" USING btree ("report_guid","id");--> statement-breakpoint
CREATE INDEX "notification_pending_created_idx" ON "notification_pending" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "outbox_messages_key_idx" ON "outbox_messages" USING btree ("idempotency_key");--> statement-breakpoint
CREATE INDEX "outbox_messages_due_idx" ON "outbox_messages" USING btree ("next_attempt_at") WHERE "outbox_messages"."status" = 'queued';--> statement-breakpoint
CREATE INDEX "outbox_messages_status_idx" ON "outbox_messages" USING btree ("status","id");--> statement-breakpoint
CREATE INDEX "outbox_messages_recipient_idx" ON "outbox_messages" USING btree ("recipient","id");--> statement-breakpoint
CREATE INDEX "web_sessions_subject_idx" ON "web_sessions" USING btree ("kind","subject");--> statement-breakpoint
CREATE INDEX "web_sessions_signed_in_idx" ON "web_sessions" USING btree ("signed_in_at");