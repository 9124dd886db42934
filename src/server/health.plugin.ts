import type { FastifyInstance } from "fastify";
import type { Database } from "../db/client.js";
import { migrationStatus } from "../db/migrate.js";
import { ping } from "../db/queries/session.queries.js";

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
      app.log.warn({ err: error }, "readiness check failed");
      return reply.code(503).send({ status: "unavailable", reason: "database unreachable" });
    }
  });
}
