import type { Db } from "../../db/client.js";
import { type ReportFilter, reportPage } from "../../db/queries/report.queries.js";
import type { ReportRow } from "../../db/schema/index.js";
import { type CursorKey, decodeCursor, encodeCursor } from "../args/cursor.js";
import { type Connection, toConnection } from "../types/connection.type.js";
import { type Report, toReport } from "../types/report.type.js";

const isId = (key: CursorKey): key is [number] => key.length === 1 && Number.isSafeInteger(key[0]);

/**
 * A page of reports in id order, shared by every report list. The cursor is the id and the
 * order, so a cursor of a newest-first list cannot continue an oldest-first one.
 */
export async function reportConnection(
  db: Db,
  filter: ReportFilter,
  request: { first: number; after?: string | null; sinceId?: number },
): Promise<Connection<Report>> {
  const order = request.sinceId === undefined ? "desc" : "asc";
  const name = `reports:${order}`;
  const afterId = request.after ? decodeCursor(name, request.after, isId)[0] : request.sinceId;
  const rows = await reportPage(db, filter, {
    order,
    limit: request.first,
    ...(afterId === undefined ? {} : { afterId }),
  });
  return toConnection(
    rows,
    request.first,
    Boolean(request.after),
    (row: ReportRow) => encodeCursor(name, [row.id]),
    toReport,
  );
}
