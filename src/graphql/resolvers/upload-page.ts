import type { Db } from "../../db/client.js";
import { type UploadPage, uploadPage } from "../../db/queries/upload.queries.js";
import { decodeCursor, encodeCursor, isThreeStrings } from "../args/cursor.js";
import { type Connection, toConnection } from "../types/connection.type.js";
import { toUpload, type Upload } from "../types/upload.type.js";

/**
 * A page of uploads, newest release first, shared by every upload list. The cursor holds the
 * upload's (release time, dist, version) and the list's `name`, so that one list's cursor cannot
 * continue another.
 */
export async function uploadConnection(
  db: Db,
  name: string,
  filter: Pick<UploadPage, "author" | "since">,
  request: { first: number; after?: string | null | undefined },
): Promise<Connection<Upload>> {
  const after = request.after ? decodeCursor(name, request.after, isThreeStrings) : undefined;
  const rows = await uploadPage(db, {
    ...filter,
    order: "desc",
    limit: request.first,
    ...(after ? { after: { releasedAt: after[0], dist: after[1], version: after[2] } } : {}),
  });
  return toConnection(
    rows,
    request.first,
    Boolean(request.after),
    (row) => encodeCursor(name, [row.releasedAtExact, row.upload.dist, row.upload.version]),
    (row) => toUpload(row.upload),
  );
}
