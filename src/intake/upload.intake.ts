import type { Db } from "../db/client.js";
import { recordUploads } from "../db/queries/upload-record.queries.js";
import { findUploads } from "../db/queries/upload.queries.js";
import type { UploadRow } from "../db/schema/index.js";
import { AppError, ErrorCode } from "../errors/index.js";
import type { NewUpload, UploadChange } from "../report/upload-list.js";
import { type EventBus, Topic, type UploadAddedPayload } from "../events/index.js";

export interface UploadIntakeDependencies {
  db: Db;
  /** Absent when nothing listens. */
  events?: EventBus | undefined;
}

export interface UploadCounts {
  /** Releases not known before. */
  added: number;
  /** Releases known only from their reports until now (provisional). */
  completed: number;
  /** Uploads of releases already uploaded (or given twice): left as they were, nothing published. */
  unchanged: number;
}

/**
 * Records a batch of uploads (one statement, so one commit) and then publishes uploadAdded for
 * each one added or completed. Uploads already known publish nothing: importing the same list
 * again changes nothing and announces nothing.
 */
export async function addUploads(deps: UploadIntakeDependencies, uploads: readonly NewUpload[]): Promise<UploadCounts> {
  const recorded = await recordUploads(deps.db, uploads);
  for (const { row } of recorded) deps.events?.emit(Topic.uploadAdded, uploadEvent(row));
  const completed = recorded.filter((r) => r.completed).length;
  return { added: recorded.length - completed, completed, unchanged: uploads.length - recorded.length };
}

/**
 * One upload, as the addUpload mutation takes it. Sending an upload that is already known is
 * fine when it is the same file (unchanged); a different author or file for the same release is
 * a CONFLICT, since the first upload of a release stays.
 */
export async function addUpload(
  deps: UploadIntakeDependencies,
  upload: NewUpload,
): Promise<{ change: UploadChange; row: UploadRow }> {
  const [recorded] = await recordUploads(deps.db, [upload]);
  if (recorded) {
    deps.events?.emit(Topic.uploadAdded, uploadEvent(recorded.row));
    return { change: recorded.completed ? "completed" : "added", row: recorded.row };
  }
  const [stored] = await findUploads(deps.db, [upload]);
  if (!stored) throw new Error(`upload ${upload.dist} ${upload.version} was neither written nor found`);
  if (stored.author !== upload.author || stored.filename !== upload.filename) {
    throw new AppError(
      ErrorCode.CONFLICT,
      `${upload.dist} ${upload.version} is already known as ${stored.author ?? "?"}/${stored.filename ?? "?"}, not ${upload.author}/${upload.filename}`,
    );
  }
  return { change: "unchanged", row: stored };
}

/** The event of a row recordUploads wrote: complete, so the fallbacks never apply. */
export function uploadEvent(row: UploadRow): UploadAddedPayload {
  return {
    dist: row.dist,
    version: row.version,
    author: row.author ?? "",
    filename: row.filename ?? "",
    releasedAt: (row.releasedAt ?? new Date(0)).toISOString(),
    maturity: row.maturity === "dev" ? "dev" : "stable",
  };
}
