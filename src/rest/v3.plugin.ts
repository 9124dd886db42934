import type { FastifyInstance } from "fastify";
import type { Db } from "../db/client.js";
import { openApiDocument } from "./openapi.plugin.js";
import { registerReleaseRoutes } from "./release.route.js";
import { registerReportRoutes } from "./report.route.js";
import { registerOpenCors, registerRestErrors } from "./rest-errors.js";
import { registerSummaryRoutes } from "./summary.route.js";
import { registerUploadRoutes } from "./upload.route.js";

const documentRoute = { schema: { hide: true } };

/**
 * The /v3 read API that MetaCPAN, the matrix and other tools call (PROTOCOLS.md section 3), over
 * the same query functions as GraphQL; GET /v3 is its OpenAPI document. Register with
 * `{ prefix: "/v3" }`; its error handler and CORS headers apply to these routes only.
 */
export function registerV3(db: Db) {
  return async (app: FastifyInstance): Promise<void> => {
    registerRestErrors(app);
    registerOpenCors(app);
    app.get("/", documentRoute, () => openApiDocument(app, "/v3"));
    registerSummaryRoutes(app, db);
    registerReleaseRoutes(app, db, { singleRelease: true });
    registerUploadRoutes(app, db);
    registerReportRoutes(app, db);
  };
}

/**
 * The /v1 API of the original (share/v1.json): releases and uploads, answered as /v3 answers
 * them. Register with `{ prefix: "/v1" }`.
 */
export function registerV1(db: Db) {
  return async (app: FastifyInstance): Promise<void> => {
    registerRestErrors(app);
    registerOpenCors(app);
    app.get("/", documentRoute, () => openApiDocument(app, "/v1"));
    registerReleaseRoutes(app, db, { singleRelease: false });
    registerUploadRoutes(app, db);
  };
}
