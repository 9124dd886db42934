import { Counter, type Registry } from "prom-client";
import type { NewDocument } from "../db/queries/document.queries.js";

export type IntakeOutcome = "created" | "duplicate" | "conflict" | "invalid" | "error";

/** Reports offered to intake, by protocol and what became of them. */
export class IntakeMetrics {
  private readonly reports: Counter<"protocol" | "outcome">;

  constructor(
    registry: Registry,
    /** Told of each report stored for the first time (the per-minute activity of systemStatus). */
    private readonly onCreated: () => void = () => undefined,
  ) {
    this.reports = new Counter({
      name: "intake_reports_total",
      help: "Reports offered to intake, by protocol (metabase, v3, graphql) and outcome (created, duplicate, conflict, invalid, error)",
      labelNames: ["protocol", "outcome"] as const,
      registers: [registry],
    });
    // Every series from the start, so that rates exist (at 0) before the first report.
    for (const protocol of ["metabase", "v3", "graphql"] as const) {
      for (const outcome of ["created", "duplicate", "conflict", "invalid", "error"] as const) {
        this.reports.inc({ protocol, outcome }, 0);
      }
    }
  }

  count(protocol: NewDocument["source"], outcome: IntakeOutcome): void {
    this.reports.inc({ protocol, outcome });
    if (outcome === "created") this.onCreated();
  }
}
