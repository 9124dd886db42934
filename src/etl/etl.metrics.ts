import { Counter, Histogram, type Registry } from "prom-client";
import type { BatchResult } from "./process-batch.js";

/** What an ETL worker reports to Prometheus. */
export class EtlMetrics {
  private readonly documents: Counter<"outcome">;
  private readonly batches: Histogram;

  constructor(registry: Registry) {
    this.documents = new Counter({
      name: "etl_documents_total",
      help: "Report documents the ETL finished, by outcome (counted, skipped: stored but not counted, failed)",
      labelNames: ["outcome"] as const,
      registers: [registry],
    });
    this.batches = new Histogram({
      name: "etl_batch_duration_seconds",
      help: "Time per ETL batch, from claim to commit",
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    });
  }

  observe(result: BatchResult, seconds: number): void {
    if (result.claimed === 0) return;
    this.documents.inc({ outcome: "counted" }, result.counted);
    this.documents.inc({ outcome: "failed" }, result.failed.length);
    this.documents.inc({ outcome: "skipped" }, result.claimed - result.counted - result.failed.length);
    this.batches.observe(seconds);
  }
}
