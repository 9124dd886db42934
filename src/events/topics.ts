import type { Grade } from "../report/report.types.js";

/**
 * Every event the platform publishes, with its payload. Payloads are small and JSON-safe: they
 * travel through Redis between processes, and are published only after their data has committed.
 */
export const Topic = {
  reportProcessed: "REPORT_PROCESSED",
  releaseUpdated: "RELEASE_UPDATED",
  uploadAdded: "UPLOAD_ADDED",
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

/** A release's report counters: over every perl, and over stable perls only. */
export interface ReleaseCounters {
  pass: number;
  fail: number;
  na: number;
  unknown: number;
  stablePass: number;
  stableFail: number;
  stableNa: number;
  stableUnknown: number;
}

/** The counters of a release without reports. */
export const NO_RELEASE_COUNTS: Readonly<ReleaseCounters> = {
  pass: 0,
  fail: 0,
  na: 0,
  unknown: 0,
  stablePass: 0,
  stableFail: 0,
  stableNa: 0,
  stableUnknown: 0,
};

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

export interface EventPayloads {
  [Topic.reportProcessed]: ReportProcessedPayload;
  [Topic.releaseUpdated]: ReleaseUpdatedPayload;
  [Topic.uploadAdded]: UploadAddedPayload;
}
