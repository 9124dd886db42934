import { z } from "zod";
import { count, flag, port } from "./env.js";

/** Metrics, request logs, heartbeats and traces (docs/OPERATIONS.md). */
export type Observability = Readonly<{
  /** METRICS: collect and serve Prometheus metrics. */
  metrics: boolean;
  metricsPort: number | undefined;
  metricsMaxOperations: number;
  logRequests: boolean;
  heartbeatIntervalMs: number;
  otlpEndpoint: string | undefined;
}>;

/** The variables of metrics, request logs, heartbeats and traces. */
export const observabilityEnv = {
  /**
   * Metrics collection: `off` records nothing for Prometheus (no per-request histograms, no
   * statement timing, no process metrics) and serves no /metrics. systemStatus works either way.
   */
  METRICS: z
    .enum(["on", "off", "true", "false", "1", "0"], { error: "expected on or off" })
    .default("on")
    .transform((v) => v === "on" || v === "true" || v === "1"),
  /**
   * A port of its own for /metrics (API and ETL alike), to keep it off the public port; absent:
   * /metrics is on PORT (the API) or ETL_PORT (a worker). `serve` with ETL_IN_PROCESS shares it.
   */
  METRICS_PORT: port("expected a port number 0..65535").optional(),
  /** Distinct GraphQL operation names labelled in metrics; others count as `other`. */
  METRICS_MAX_OPERATIONS: count(0, 10_000).default(100),
  /** One JSON log line per HTTP request (with its request id), at info; 5xx at error. */
  LOG_REQUESTS: flag.default(true),
  /** How often each process renews its heartbeat and flushes its per-minute activity. */
  HEARTBEAT_INTERVAL_MS: count(1_000, 600_000).default(10_000),
  /** OTLP/HTTP collector for traces (e.g. http://otel-collector:4318); absent: no tracing at all. */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url({ error: "expected an http(s):// URL" }).optional(),
};

export function toObservability(e: z.output<z.ZodObject<typeof observabilityEnv>>): Observability {
  return {
    metrics: e.METRICS,
    metricsPort: e.METRICS_PORT,
    metricsMaxOperations: e.METRICS_MAX_OPERATIONS,
    logRequests: e.LOG_REQUESTS,
    heartbeatIntervalMs: e.HEARTBEAT_INTERVAL_MS,
    otlpEndpoint: e.OTEL_EXPORTER_OTLP_ENDPOINT,
  };
}
