CREATE TABLE "activity_minutes" (
	"minute" timestamp with time zone NOT NULL,
	"instance" text NOT NULL,
	"requests" integer DEFAULT 0 NOT NULL,
	"received" integer DEFAULT 0 NOT NULL,
	"processed" integer DEFAULT 0 NOT NULL,
	"lag_buckets" jsonb DEFAULT '[]'::jsonb NOT NULL,
	CONSTRAINT "activity_minutes_minute_instance_pk" PRIMARY KEY("minute","instance")
);
--> statement-breakpoint
CREATE TABLE "component_heartbeats" (
	"instance" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"version" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"seen_at" timestamp with time zone NOT NULL,
	"interval_ms" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "report_documents" ADD COLUMN "request_id" text;--> statement-breakpoint
ALTER TABLE "report_documents" ADD COLUMN "traceparent" text;--> statement-breakpoint
ALTER TABLE "testers" ADD COLUMN "blocked_at" timestamp with time zone;