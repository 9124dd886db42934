-- Fills the rollups of 0005 from the reports counted before it; the ETL keeps them from here on.
INSERT INTO "stats_reports_week_hours" ("month", "weekday", "hour", "reports")
SELECT date_trunc('month', "received_at" AT TIME ZONE 'UTC')::date,
       extract(isodow FROM "received_at" AT TIME ZONE 'UTC')::smallint,
       extract(hour FROM "received_at" AT TIME ZONE 'UTC')::smallint,
       count(*)::int
FROM "reports" GROUP BY 1, 2, 3;
--> statement-breakpoint
INSERT INTO "stats_tester_machines" ("tester_id", "osname", "perl", "platform", "grade", "reports")
SELECT d."tester_id", r."osname", r."perl", r."platform", r."grade", count(*)::int
FROM "reports" r JOIN "report_documents" d ON d."id" = r."guid"
WHERE d."tester_id" IS NOT NULL
GROUP BY 1, 2, 3, 4, 5;
