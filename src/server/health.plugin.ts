import type { FastifyInstance } from "fastify";
import type { Database } from "../db/client.js";
import { DATABASE_RETRY_AFTER_SECONDS } from "../errors/index.js";
import { migrationStatus } from "../db/migrate.js";
import { ping } from "../db/queries/session.queries.js";
import { rootMessage } from "../errors/index.js";

/**
 * /healthz: the process is up (for restarts). /readyz: it can serve, meaning the database answers
 * and carries every migration this code expects (for load balancers).
 */
export function registerHealth(app: FastifyInstance, database: Database): void {
  app.get("/healthz", async () => ({ status: "ok" }));

  app.get("/readyz", async (_request, reply) => {
    try {
      await ping(database.db);
      const { expected, applied } = await migrationStatus(database);
      if (applied < expected) {
        return reply.code(503).send({ status: "unavailable", reason: `${applied} of ${expected} migrations applied` });
      }
      return { status: "ok", database: database.kind };
    } catch (error) {
      app.log.warn({ reason: rootMessage(error) }, "readiness check failed");
      return reply
        .code(503)
        .header("retry-after", String(DATABASE_RETRY_AFTER_SECONDS))
        .send({ status: "unavailable", reason: "database unreachable" });
    }
  });
}
