import type { FastifyInstance } from "fastify";
import type { Db } from "../db/client.js";
import { findReportDocuments } from "../db/queries/report.queries.js";
import { badInput, notFound } from "../errors/index.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** /v3/report/{id}: the stored report document as accepted, with its id and creation time. */
export function registerReportRoutes(app: FastifyInstance, db: Db): void {
  app.get<{ Params: { id: string } }>("/report/:id", async (request) => {
    const guid = request.params.id.toLowerCase();
    if (!UUID.test(guid)) {
      const message = `id must be a report GUID (a UUID), got ${JSON.stringify(request.params.id)}`;
      throw badInput(message, [{ message, path: "/id" }]);
    }
    const [stored] = await findReportDocuments(db, [guid]);
    if (!stored) throw notFound(`report ${guid} not found`);
    const document = (stored.document ?? {}) as Record<string, unknown>;
    // The document carries `created` when the client sent one; otherwise it is when we received it.
    return { ...document, id: guid, created: document.created ?? stored.receivedAt.toISOString() };
  });
}
