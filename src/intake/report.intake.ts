import { randomUUID } from "node:crypto";
import type { NewDocument } from "../db/queries/document.queries.js";
import type { TesterRow } from "../db/schema/index.js";
import type { IntakeJsonLimits } from "../config.js";
import { AppError, ErrorCode, type ErrorDetail, isClientError } from "../errors/index.js";
import {
  capErrors,
  type InputError,
  parseMetabaseReport,
  prepareDocument,
  prepareV3Report,
  type ReportDocument,
  type SerializedReport,
} from "../report/index.js";
import { inSpan, traceparentOf } from "../tracing.js";
import type { DocumentBatcher } from "./document.batcher.js";
import type { IntakeMetrics, IntakeOutcome } from "./intake.metrics.js";
import { reportIdForKey } from "./idempotency-key.js";

export interface Submission {
  /** The report GUID. */
  id: string;
  /** False when this exact report was already stored: the submission changed nothing. */
  created: boolean;
}

export type DocumentSource = NewDocument["source"];

/** Where a submission came from: carried with the document, so that the ETL's logs and spans name it. */
export interface SubmissionOrigin {
  /** The X-Request-Id of the request. */
  requestId?: string | undefined;
  /** The intake span's W3C traceparent, set by the intake when tracing is on. */
  traceparent?: string | undefined;
}

/** What a client is told when storing failed unexpectedly: nothing was kept, so a retry is safe. */
export const REPORT_NOT_STORED = "internal server error; the report was not stored, please retry";

/**
 * The one path every report takes in, whatever the transport: validate, normalise to the v3
 * document, store durably, and only then answer. Routes and the GraphQL mutation are thin
 * adapters over it.
 */
export class ReportIntake {
  constructor(
    private readonly batcher: DocumentBatcher,
    /** Bounds on a report body's shape; the routes' body parser applies them too. */
    readonly jsonLimits: IntakeJsonLimits,
    private readonly metrics?: IntakeMetrics,
  ) {}

  /** A CPAN-Testers-Report fact from a Metabase client, submitted by a registered tester. */
  submitMetabase(fact: unknown, tester: TesterRow, origin: SubmissionOrigin = {}): Promise<Submission> {
    return this.counted("metabase", origin, (traced) => {
      const parsed = parseMetabaseReport(fact, { name: tester.fullName, email: tester.email });
      if (!parsed.ok) throw invalidReport(parsed.errors);
      return this.store(parsed.report, "metabase", tester.id, traced);
    });
  }

  /**
   * A v3 report document (POST /v3/report, mutation submitReport). A document without `id` gets
   * one derived from `idempotencyKey` when there is one (so a retry is the same report), else a
   * random one.
   */
  submitV3(
    body: unknown,
    source: "v3" | "graphql",
    tester: TesterRow | null,
    idempotencyKey?: string,
    origin: SubmissionOrigin = {},
  ): Promise<Submission> {
    return this.counted(source, origin, (traced) => {
      const testerId = tester?.id ?? null;
      const prepared = prepareV3Report(
        body,
        () => ({
          id: idempotencyKey === undefined ? randomUUID() : reportIdForKey(testerId, idempotencyKey),
          // Whole seconds, as the original wrote every date-time.
          created: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
        }),
        this.jsonLimits,
      );
      if (!prepared.ok) throw invalidReport(prepared.errors);
      return this.write(prepared.report.id, prepared.serialized, source, testerId, traced);
    });
  }

  /** Runs a submission in its span and counts its outcome. */
  private async counted(
    source: DocumentSource,
    origin: SubmissionOrigin,
    submit: (traced: SubmissionOrigin) => Promise<Submission>,
  ): Promise<Submission> {
    let outcome: IntakeOutcome = "error";
    try {
      const submission = await inSpan(
        "intake.report",
        { "cpantesters.protocol": source, ...(origin.requestId ? { "http.request.id": origin.requestId } : {}) },
        (span) => submit({ ...origin, traceparent: traceparentOf(span) }),
      );
      outcome = submission.created ? "created" : "duplicate";
      return submission;
    } catch (error) {
      if (error instanceof AppError && isClientError(error.code)) {
        outcome = error.code === ErrorCode.CONFLICT ? "conflict" : "invalid";
      }
      throw error;
    } finally {
      this.metrics?.count(source, outcome);
    }
  }

  private store(
    report: ReportDocument,
    source: DocumentSource,
    testerId: string | null,
    origin: SubmissionOrigin,
  ): Promise<Submission> {
    // The ETL's own rules: what it could not count is refused now, with its reasons, not stored.
    const prepared = prepareDocument(report, this.jsonLimits);
    if (!prepared.ok) throw invalidReport(prepared.errors);
    return this.write(report.id, prepared.serialized, source, testerId, origin);
  }

  private async write(
    id: string,
    { json, contentHash }: SerializedReport,
    source: DocumentSource,
    testerId: string | null,
    origin: SubmissionOrigin,
  ): Promise<Submission> {
    const outcome = await this.batcher.store({
      id,
      source,
      testerId,
      json,
      contentHash,
      requestId: origin.requestId ?? null,
      traceparent: origin.traceparent ?? null,
    });
    if (outcome === "conflict") {
      throw new AppError(
        ErrorCode.CONFLICT,
        `report ${id} was already submitted with different content; a new report needs a new id`,
      );
    }
    return { id, created: outcome === "created" };
  }
}

function invalidReport(errors: InputError[]): AppError {
  const details: ErrorDetail[] = capErrors(errors).map(({ message, path }) => ({ message, path }));
  const first = errors[0];
  const summary = first ? `${first.path || "report"}: ${first.message}` : "the report is invalid";
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : "";
  return new AppError(ErrorCode.BAD_USER_INPUT, `invalid report: ${summary}${more}`, details);
}
