CREATE TABLE "stats_reports_week_hours" (
	"month" date NOT NULL,
	"weekday" smallint NOT NULL,
	"hour" smallint NOT NULL,
	"reports" integer NOT NULL,
	CONSTRAINT "stats_reports_week_hours_month_weekday_hour_pk" PRIMARY KEY("month","weekday","hour")
);
--> statement-breakpoint
CREATE TABLE "stats_tester_machines" (
	"tester_id" uuid NOT NULL,
	"osname" text NOT NULL,
	"perl" text NOT NULL,
	"platform" text NOT NULL,
	"grade" text NOT NULL,
	"reports" integer NOT NULL,
	CONSTRAINT "stats_tester_machines_tester_id_osname_perl_platform_grade_pk" PRIMARY KEY("tester_id","osname","perl","platform","grade")
);
--> statement-breakpoint
CREATE INDEX "report_documents_tester_idx" ON "report_documents" USING btree ("tester_id","seq");