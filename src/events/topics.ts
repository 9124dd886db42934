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
  regressionDetected: "REGRESSION_DETECTED",
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

/**
 * A release started failing where its previous release passed: cells (perl series × OS) whose
 * reports of this release all fail while the previous release's all passed, published by the
 * batch whose reports made the first failure of such a cell.
 */
export interface RegressionDetectedPayload {
  dist: string;
  version: string;
  previousVersion: string;
  author: string | null;
  cells: { perlSeries: string; osname: string; passedBefore: number; failsNow: number }[];
  /** ISO 8601: when the batch that found it committed. */
  detectedAt: string;
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
  [Topic.regressionDetected]: RegressionDetectedPayload;
  [Topic.conversationUpdated]: ConversationUpdatedPayload;
}
