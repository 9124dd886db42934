import type { FastifyInstance } from "fastify";
import type { Db } from "../../db/client.js";
import { httpErrorHandler } from "../../errors/http-error.mapper.js";
import { registerReportFeeds } from "./report-feed.route.js";
import { registerReportsMetadata } from "./reports-metadata.route.js";
import { registerTailLog } from "./tail-log.route.js";

export interface LegacyFeedDependencies {
  db: Db;
}

/**
 * The feeds that tools built for the original CPAN Testers read at their old addresses (the
 * matrix, analysis and mirroring scripts): report lists per distribution and author, report
 * metadata by id range or day, and the Metabase's tail log (the upload WebSockets, a transport, are
 * server/upload-feed.ws.ts). Over the same query functions as GraphQL; docs/API.md ("Legacy
 * feeds") has their shapes.
 */
export function registerLegacyFeeds(deps: LegacyFeedDependencies) {
  return async (app: FastifyInstance): Promise<void> => {
    // The shared mapping: a client's mistake is a 4xx, our faults a masked 500 that leaks no SQL.
    app.setErrorHandler(httpErrorHandler());
    registerReportFeeds(app, deps.db);
    registerReportsMetadata(app, deps.db);
    registerTailLog(app, deps.db);
  };
}
