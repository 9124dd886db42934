import type { FastifyInstance } from "fastify";
import type { Db } from "../../db/client.js";
import { httpErrorHandler } from "../../errors/http-error.mapper.js";
import { registerAtomFeeds } from "./atom-feed.route.js";
import { registerOldUrls } from "./old-urls.route.js";

/**
 * What the web site serves beside its pages: Atom feeds of reports and the moved addresses of the
 * original site. Over the same query functions as GraphQL.
 */
export function registerSiteRoutes(deps: { db: Db }) {
  return async (app: FastifyInstance): Promise<void> => {
    app.setErrorHandler(httpErrorHandler());
    registerAtomFeeds(app, deps.db);
    registerOldUrls(app, deps.db);
  };
}
