DROP INDEX "releases_updated_at_idx";--> statement-breakpoint
CREATE INDEX "releases_fail_idx" ON "releases" USING btree ("fail" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "reports_osname_idx" ON "reports" USING btree ("osname","id");--> statement-breakpoint
CREATE INDEX "reports_grade_idx" ON "reports" USING btree ("grade","id");--> statement-breakpoint
CREATE INDEX "reports_perl_idx" ON "reports" USING btree ("perl_major","perl_minor","id");--> statement-breakpoint
CREATE INDEX "reports_dev_perl_idx" ON "reports" USING btree ("id") WHERE "reports"."perl_maturity" = 'dev';--> statement-breakpoint
CREATE INDEX "reports_submitted_at_idx" ON "reports" USING btree ("submitted_at","id");--> statement-breakpoint
CREATE INDEX "uploads_dist_latest_idx" ON "uploads" USING btree ("dist","released_at" DESC NULLS LAST,"version" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "uploads_author_dist_idx" ON "uploads" USING btree ("author","dist");--> statement-breakpoint
CREATE INDEX "uploads_dist_search_idx" ON "uploads" USING btree (lower("dist") collate "C","dist");--> statement-breakpoint
CREATE INDEX "uploads_author_search_idx" ON "uploads" USING btree ("author" collate "C");--> statement-breakpoint
CREATE INDEX "releases_updated_at_idx" ON "releases" USING btree ("updated_at","dist","version");