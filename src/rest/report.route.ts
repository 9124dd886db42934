import type { FastifyInstance } from "fastify";
import type { Db } from "../db/client.js";
import { findReportDocuments } from "../db/queries/report.queries.js";
import { ErrorCode } from "../errors/index.js";
import { restError } from "./rest-errors.js";
import { isoSeconds } from "./rest-params.js";
import { errorsBody, report } from "./rest-schemas.js";
import { isUuid } from "../report/index.js";

/**
 * /v3/report/{id}: the stored report document as accepted, with its id and creation time. An id
 * that is no UUID is a 400 (the original looked it up and answered 404); an unknown one a 404.
 */
export function registerReportRoutes(app: FastifyInstance, db: Db): void {
  app.get<{ Params: { id: string } }>(
    "/report/:id",
    {
      schema: {
        tags: ["Report"],
        summary: "One report",
        params: { type: "object", properties: { id: { type: "string", description: "The report's GUID" } } },
        response: { 200: report, 400: errorsBody, 404: errorsBody },
      },
    },
    async (request) => {
      const guid = request.params.id.toLowerCase();
      if (!isUuid(guid)) {
        const message = `id must be a report GUID (a UUID), got ${JSON.stringify(request.params.id)}`;
        throw restError(ErrorCode.BAD_USER_INPUT, message, "/id");
      }
      const [stored] = await findReportDocuments(db, [guid]);
      if (!stored) throw restError(ErrorCode.NOT_FOUND, "Report ID not found", "/id");
      const document = (stored.document ?? {}) as Record<string, unknown>;
      // The document carries `created` when the client sent one; otherwise it is when we received it.
      const created = document.created ?? isoSeconds(stored.receivedAt);
      // A Metabase creation_time is stored as a full ISO string; the original wrote whole seconds.
      return {
        ...document,
        id: guid,
        created: typeof created === "string" ? created.replace(/\.000Z$/, "Z") : created,
      };
    },
  );
}
