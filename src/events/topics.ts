import type { Grade } from "../report/grade.js";
import type { ReleaseCounters } from "../report/release-counters.js";

/**
 * Every event the platform publishes, with its payload. Payloads are small and JSON-safe: they
 * travel through Redis between processes, and are published only after their data has committed.
 */
export const Topic = {
  reportProcessed: "REPORT_PROCESSED",
  releaseUpdated: "RELEASE_UPDATED",
  uploadAdded: "UPLOAD_ADDED",
  credentialRevoked: "CREDENTIAL_REVOKED",
  conversationUpdated: "CONVERSATION_UPDATED",
} as const;
export type Topic = (typeof Topic)[keyof typeof Topic];

export interface ReportProcessedPayload {
  id: number;
  guid: string;
  dist: string;
  version: string;
  author: string | null;
  grade: Grade;
  osname: string;
  perl: string;
  /** "5.36": what subscribers filter on. */
  perlSeries: string;
}

export interface ReleaseUpdatedPayload extends ReleaseCounters {
  dist: string;
  version: string;
  /** ISO 8601: when these counts were written. */
  updatedAt: string;
}

export interface UploadAddedPayload {
  dist: string;
  version: string;
  author: string;
  filename: string;
  /** ISO 8601 */
  releasedAt: string;
  /** dev: a trial release (`_` in the version, or -TRIAL). */
  maturity: "stable" | "dev";
}

/** A token stopped being valid: every process forgets it at once instead of trusting its cache. */
export interface CredentialRevokedPayload {
  /** SHA-256 of the token, as stored; the token itself never travels. */
  tokenHash: string;
}

/** A new message in a report's conversation; subscribers read it from the database. */
export interface ConversationUpdatedPayload {
  reportGuid: string;
  messageId: number;
}

export interface EventPayloads {
  [Topic.reportProcessed]: ReportProcessedPayload;
  [Topic.releaseUpdated]: ReleaseUpdatedPayload;
  [Topic.uploadAdded]: UploadAddedPayload;
  [Topic.credentialRevoked]: CredentialRevokedPayload;
  [Topic.conversationUpdated]: ConversationUpdatedPayload;
}
