import type { FastifyInstance } from "fastify";
import type { Db } from "../db/client.js";
import { findReportDocuments } from "../db/queries/report.queries.js";
import { notFound } from "../errors.js";

const params = {
  type: "object",
  required: ["id"],
  properties: {
    id: { type: "string", pattern: "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$" },
  },
} as const;

/** /v3/report/{id}: the stored report document as accepted, with its id and creation time. */
export function registerReportRoutes(app: FastifyInstance, db: Db): void {
  app.get<{ Params: { id: string } }>("/report/:id", { schema: { params } }, async (request) => {
    const guid = request.params.id.toLowerCase();
    const [stored] = await findReportDocuments(db, [guid]);
    if (!stored) throw notFound(`report ${guid} not found`);
    const document = (stored.document ?? {}) as Record<string, unknown>;
    // The document carries `created` when the client sent one; otherwise it is when we received it.
    return { ...document, id: guid, created: document.created ?? stored.receivedAt.toISOString() };
  });
}
