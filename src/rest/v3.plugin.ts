import type { FastifyInstance } from "fastify";
import type { Db } from "../db/client.js";
import { registerReleaseRoutes } from "./release.route.js";
import { registerReportRoutes } from "./report.route.js";
import { registerRestErrors } from "./rest-errors.js";
import { registerSummaryRoutes } from "./summary.route.js";
import { registerUploadRoutes } from "./upload.route.js";

/**
 * The /v3 read API that MetaCPAN, the matrix and other tools call (PROTOCOLS.md section 3), over
 * the same query functions as GraphQL. Register with `{ prefix: "/v3" }`; its error handler
 * applies to these routes only.
 */
export function registerV3(db: Db) {
  return async (app: FastifyInstance): Promise<void> => {
    registerRestErrors(app);
    registerSummaryRoutes(app, db);
    registerReleaseRoutes(app, db);
    registerUploadRoutes(app, db);
    registerReportRoutes(app, db);
  };
}
