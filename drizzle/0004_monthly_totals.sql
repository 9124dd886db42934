CREATE TABLE "stats_reports_monthly_totals" (
	"month" date NOT NULL,
	"grade" text NOT NULL,
	"reports" integer NOT NULL,
	CONSTRAINT "stats_reports_monthly_totals_month_grade_pk" PRIMARY KEY("month","grade")
);
--> statement-breakpoint
-- Filled from the monthly rollup on a database that already counted reports.
INSERT INTO "stats_reports_monthly_totals" ("month", "grade", "reports")
SELECT "month", "grade", sum("reports")::int FROM "stats_reports_monthly" GROUP BY 1, 2;
