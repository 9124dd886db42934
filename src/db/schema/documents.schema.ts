import { sql } from "drizzle-orm";
import { bigint, index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { testers } from "./testers.schema.js";

/**
 * The source of truth ("the Metabase"): every report exactly as accepted, normalised to the v3
 * document. Everything else in the database can be rebuilt from this table.
 */
export const reportDocuments = pgTable(
  "report_documents",
  {
    /** The report GUID. */
    id: uuid("id").primaryKey(),
    /** Arrival order: the ETL claims documents in this order. */
    seq: bigint("seq", { mode: "number" }).generatedAlwaysAsIdentity().notNull(),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
    /** How it arrived: metabase | v3 | graphql, or imported: legacy (test_report) | legacy-metabase. */
    source: text("source").notNull(),
    testerId: uuid("tester_id").references(() => testers.id),
    document: jsonb("document").notNull(),
    /** Hash of the submitted content, to tell a harmless resubmission from a conflicting one. */
    contentHash: text("content_hash").notNull(),
    processedAt: timestamp("processed_at", { withTimezone: true }),
    /** Why processing failed; the document waits here until a retry after a fix. */
    error: text("error"),
    /** The X-Request-Id of the request that stored it, so the ETL's logs name the same request. */
    requestId: text("request_id"),
    /** W3C traceparent of the intake span when tracing is on: the ETL's span continues that trace. */
    traceparent: text("traceparent"),
  },
  (t) => [
    // The ETL queue: only documents still waiting are in this index, so claiming stays O(batch).
    index("report_documents_pending_idx")
      .on(t.seq)
      .where(sql`${t.processedAt} is null and ${t.error} is null`),
    // A tester's reports, newest first (the tester page), without reading anyone else's.
    index("report_documents_tester_idx").on(t.testerId, t.seq),
    index("report_documents_failed_idx")
      .on(t.seq)
      .where(sql`${t.error} is not null`),
  ],
);

export type ReportDocumentRow = typeof reportDocuments.$inferSelect;
