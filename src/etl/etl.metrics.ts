import { Counter, Histogram, type Registry } from "prom-client";
import { type ActivityCounter, LAG_BUCKETS_SECONDS } from "../monitor/activity.js";
import type { BatchResult } from "./process-batch.js";

/** What an ETL worker reports to Prometheus, and to the per-minute activity of systemStatus. */
export class EtlMetrics {
  private readonly documents: Counter<"outcome">;
  private readonly batches: Histogram;
  private readonly visible: Histogram;

  constructor(
    registry: Registry,
    private readonly activity?: ActivityCounter,
    private readonly now: () => number = Date.now,
  ) {
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
    this.visible = new Histogram({
      name: "report_visible_latency_seconds",
      help: "Time from intake's commit of a report to the ETL's commit that makes it visible (database clock to worker clock)",
      buckets: [...LAG_BUCKETS_SECONDS],
      registers: [registry],
    });
  }

  /** After a batch's commit. */
  observe(result: BatchResult, seconds: number): void {
    if (result.claimed === 0) return;
    this.documents.inc({ outcome: "counted" }, result.counted);
    this.documents.inc({ outcome: "failed" }, result.failed.length);
    this.documents.inc({ outcome: "skipped" }, result.claimed - result.counted - result.failed.length);
    this.batches.observe(seconds);
    const now = this.now();
    // Clocks of two machines: a report "visible before it arrived" is skew, counted as instant.
    const lags = result.receivedAt.map((receivedAt) => Math.max(0, (now - receivedAt) / 1000));
    for (const lag of lags) this.visible.observe(lag);
    this.activity?.processed(lags);
  }
}
