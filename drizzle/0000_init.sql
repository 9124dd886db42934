CREATE TABLE "report_documents" (
	"id" uuid PRIMARY KEY NOT NULL,
	"seq" bigint GENERATED ALWAYS AS IDENTITY (sequence name "report_documents_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"source" text NOT NULL,
	"tester_id" uuid,
	"document" jsonb NOT NULL,
	"content_hash" text NOT NULL,
	"processed_at" timestamp with time zone,
	"error" text
);
--> statement-breakpoint
CREATE TABLE "perl_versions" (
	"version" text PRIMARY KEY NOT NULL,
	"major" smallint NOT NULL,
	"minor" smallint NOT NULL,
	"patch" smallint NOT NULL,
	"maturity" text NOT NULL,
	"patched" boolean NOT NULL
);
--> statement-breakpoint
CREATE TABLE "releases" (
	"dist" text NOT NULL,
	"version" text NOT NULL,
	"pass" integer DEFAULT 0 NOT NULL,
	"fail" integer DEFAULT 0 NOT NULL,
	"na" integer DEFAULT 0 NOT NULL,
	"unknown" integer DEFAULT 0 NOT NULL,
	"stable_pass" integer DEFAULT 0 NOT NULL,
	"stable_fail" integer DEFAULT 0 NOT NULL,
	"stable_na" integer DEFAULT 0 NOT NULL,
	"stable_unknown" integer DEFAULT 0 NOT NULL,
	"latest_report_id" bigint,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "releases_dist_version_pk" PRIMARY KEY("dist","version")
);
--> statement-breakpoint
CREATE TABLE "reports" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "reports_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"guid" uuid NOT NULL,
	"grade" text NOT NULL,
	"dist" text NOT NULL,
	"version" text NOT NULL,
	"tester" text NOT NULL,
	"perl" text NOT NULL,
	"perl_major" smallint NOT NULL,
	"perl_minor" smallint NOT NULL,
	"perl_patch" smallint NOT NULL,
	"perl_maturity" text NOT NULL,
	"perl_patched" boolean NOT NULL,
	"platform" text NOT NULL,
	"osname" text NOT NULL,
	"osversion" text NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	CONSTRAINT "reports_guid_unique" UNIQUE("guid")
);
--> statement-breakpoint
CREATE TABLE "release_matrix_cells" (
	"dist" text NOT NULL,
	"version" text NOT NULL,
	"perl_series" text NOT NULL,
	"osname" text NOT NULL,
	"grade" text NOT NULL,
	"reports" integer NOT NULL,
	CONSTRAINT "release_matrix_cells_dist_version_perl_series_osname_grade_pk" PRIMARY KEY("dist","version","perl_series","osname","grade")
);
--> statement-breakpoint
CREATE TABLE "stats_reports_daily" (
	"day" date NOT NULL,
	"osname" text NOT NULL,
	"perl_series" text NOT NULL,
	"grade" text NOT NULL,
	"reports" integer NOT NULL,
	CONSTRAINT "stats_reports_daily_day_osname_perl_series_grade_pk" PRIMARY KEY("day","osname","perl_series","grade")
);
--> statement-breakpoint
CREATE TABLE "stats_reports_hourly" (
	"hour" timestamp with time zone NOT NULL,
	"grade" text NOT NULL,
	"reports" integer NOT NULL,
	CONSTRAINT "stats_reports_hourly_hour_grade_pk" PRIMARY KEY("hour","grade")
);
--> statement-breakpoint
CREATE TABLE "stats_reports_monthly" (
	"month" date NOT NULL,
	"osname" text NOT NULL,
	"perl_series" text NOT NULL,
	"grade" text NOT NULL,
	"reports" integer NOT NULL,
	CONSTRAINT "stats_reports_monthly_month_osname_perl_series_grade_pk" PRIMARY KEY("month","osname","perl_series","grade")
);
--> statement-breakpoint
CREATE TABLE "stats_tester_months" (
	"month" date NOT NULL,
	"tester" text NOT NULL,
	"reports" integer NOT NULL,
	CONSTRAINT "stats_tester_months_month_tester_pk" PRIMARY KEY("month","tester")
);
--> statement-breakpoint
CREATE TABLE "api_tokens" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"tester_id" uuid NOT NULL,
	"label" text NOT NULL,
	"scopes" text[] DEFAULT '{report:submit}' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "testers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"full_name" text NOT NULL,
	"email" text NOT NULL,
	"secret_hash" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "uploads" (
	"dist" text NOT NULL,
	"version" text NOT NULL,
	"author" text,
	"filename" text,
	"released_at" timestamp with time zone,
	"location" text DEFAULT 'cpan' NOT NULL,
	"maturity" text DEFAULT 'stable' NOT NULL,
	"provisional" boolean DEFAULT false NOT NULL,
	CONSTRAINT "uploads_dist_version_pk" PRIMARY KEY("dist","version")
);
--> statement-breakpoint
ALTER TABLE "report_documents" ADD CONSTRAINT "report_documents_tester_id_testers_id_fk" FOREIGN KEY ("tester_id") REFERENCES "public"."testers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_tester_id_testers_id_fk" FOREIGN KEY ("tester_id") REFERENCES "public"."testers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "report_documents_pending_idx" ON "report_documents" USING btree ("seq") WHERE "report_documents"."processed_at" is null and "report_documents"."error" is null;--> statement-breakpoint
CREATE INDEX "report_documents_failed_idx" ON "report_documents" USING btree ("seq") WHERE "report_documents"."error" is not null;--> statement-breakpoint
CREATE INDEX "releases_updated_at_idx" ON "releases" USING btree ("updated_at");--> statement-breakpoint
CREATE INDEX "reports_dist_version_idx" ON "reports" USING btree ("dist","version","id");--> statement-breakpoint
CREATE INDEX "api_tokens_tester_idx" ON "api_tokens" USING btree ("tester_id");--> statement-breakpoint
CREATE INDEX "uploads_author_idx" ON "uploads" USING btree ("author","released_at");--> statement-breakpoint
CREATE INDEX "uploads_released_at_idx" ON "uploads" USING btree ("released_at");