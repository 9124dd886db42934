import type { FastifyInstance } from "fastify";
import type { Db } from "../../db/client.js";
import type { EventBus } from "../../events/index.js";
import { registerReportFeeds } from "./report-feed.route.js";
import { registerReportsMetadata } from "./reports-metadata.route.js";
import { registerTailLog } from "./tail-log.route.js";
import { registerUploadFeeds } from "./upload.ws.js";

export interface LegacyFeedDependencies {
  db: Db;
  events: EventBus;
  /** Bytes that may wait for one upload feed reader before it is closed as too slow. */
  maxBufferedBytes: number;
}

/**
 * The feeds that tools built for the original CPAN Testers read at their old addresses (the
 * matrix, analysis and mirroring scripts, upload watchers): report lists per distribution and
 * author, report metadata by id range or day, the Metabase's tail log, and the upload WebSockets.
 * Over the same query functions as GraphQL; docs/API.md ("Legacy feeds") has their shapes.
 */
export function registerLegacyFeeds(deps: LegacyFeedDependencies) {
  return async (app: FastifyInstance): Promise<void> => {
    registerReportFeeds(app, deps.db);
    registerReportsMetadata(app, deps.db);
    registerTailLog(app, deps.db);
    registerUploadFeeds(app, deps.events, { maxBufferedBytes: deps.maxBufferedBytes });
  };
}
