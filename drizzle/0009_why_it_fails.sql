CREATE TABLE "failure_signatures" (
	"signature" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"first_seen_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_factors" (
	"report_id" bigint PRIMARY KEY NOT NULL,
	"dist" text NOT NULL,
	"version" text NOT NULL,
	"grade" text NOT NULL,
	"factors" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_failures" (
	"report_id" bigint NOT NULL,
	"signature" text NOT NULL,
	"test_file" text NOT NULL,
	"dist" text NOT NULL,
	"version" text NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	CONSTRAINT "report_failures_report_id_signature_test_file_pk" PRIMARY KEY("report_id","signature","test_file")
);
--> statement-breakpoint
CREATE TABLE "report_texts" (
	"report_id" bigint PRIMARY KEY NOT NULL,
	"body" text NOT NULL
);
--> statement-breakpoint
CREATE INDEX "report_factors_release_idx" ON "report_factors" USING btree ("dist","version");--> statement-breakpoint
CREATE INDEX "report_failures_release_idx" ON "report_failures" USING btree ("dist","version");--> statement-breakpoint
CREATE INDEX "report_failures_signature_idx" ON "report_failures" USING btree ("signature","report_id");--> statement-breakpoint
CREATE INDEX "report_failures_submitted_at_idx" ON "report_failures" USING btree ("submitted_at");--> statement-breakpoint
CREATE INDEX "report_texts_body_trgm_idx" ON "report_texts" USING gin ("body" gin_trgm_ops);