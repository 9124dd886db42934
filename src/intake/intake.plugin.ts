import type { FastifyInstance } from "fastify";
import type { AuthBackoff } from "../auth/auth.backoff.js";
import type { Db } from "../db/client.js";
import type { Logger } from "../log.js";
import { metabaseRoutes } from "./metabase.routes.js";
import type { ReportIntake } from "./report.intake.js";
import { v3ReportRoute } from "./v3-report.route.js";

export interface IntakeOptions {
  db: Db;
  intake: ReportIntake;
  log: Logger;
  allowAnonymousReports: boolean;
  /** Back-off on failed Metabase authentication; absent when abuse controls are off. */
  backoff?: AuthBackoff | undefined;
}

/** Every HTTP way a report arrives: the Metabase protocol under /api/v1, and POST /v3/report. */
export async function registerIntake(app: FastifyInstance, options: IntakeOptions): Promise<void> {
  // Each in a plugin context of its own: their JSON parsing and error bodies differ from the rest.
  await app.register(metabaseRoutes, { ...options, prefix: "/api/v1" });
  await app.register(v3ReportRoute, options);
}
