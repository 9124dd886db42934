import type { Db } from "../../db/client.js";
import { type PagedReport, type ReportFilter, reportPage } from "../../db/queries/report.queries.js";
import { type CursorKey, decodeCursor, encodeCursor } from "../args/cursor.js";
import { type Connection, toConnection } from "../types/connection.type.js";
import { type Report, toReport } from "../types/report.type.js";

const isId = (key: CursorKey): key is [number] => key.length === 1 && Number.isSafeInteger(key[0]);
const isTimeAndId = (key: CursorKey): key is [string, number] =>
  key.length === 2 && typeof key[0] === "string" && Number.isSafeInteger(key[1]);

/**
 * A page of reports, shared by every report list. Newest first by id; oldest first from `sinceId`
 * (the copying consumers' feed); newest submission first when a time range limits the list, so
 * that its index finds the range directly. The cursor names its order, so a cursor of one order
 * cannot continue another.
 */
export async function reportConnection(
  db: Db,
  filter: ReportFilter,
  request: { first: number; after?: string | null; sinceId?: number },
): Promise<Connection<Report>> {
  const timeRange = filter.submittedFrom !== undefined || filter.submittedBefore !== undefined;
  const order = request.sinceId !== undefined ? "asc" : timeRange ? "submitted" : "desc";
  const name = `reports:${order}`;
  let after: { id: number; submittedAt?: string } | undefined;
  if (request.after && order === "submitted") {
    const [submittedAt, id] = decodeCursor(name, request.after, isTimeAndId);
    after = { id, submittedAt };
  } else if (request.after) {
    after = { id: decodeCursor(name, request.after, isId)[0] };
  } else if (request.sinceId !== undefined) {
    after = { id: request.sinceId };
  }
  const rows = await reportPage(db, filter, { order, limit: request.first, ...(after ? { after } : {}) });
  return toConnection(
    rows,
    request.first,
    Boolean(request.after),
    ({ report, submittedAtExact }: PagedReport) =>
      encodeCursor(name, submittedAtExact === undefined ? [report.id] : [submittedAtExact, report.id]),
    ({ report }) => toReport(report),
  );
}
