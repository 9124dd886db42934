import type { Logger } from "../log.js";

/**
 * Starts the OpenTelemetry SDK, exporting spans over OTLP/HTTP to `endpoint`, when there is one.
 * Without one nothing of the SDK is even loaded (the import is lazy): src/tracing.ts then calls
 * the API's no-ops. Returns the function that flushes and stops it.
 */
export async function startTracing(
  endpoint: string | undefined,
  serviceName: string,
  log: Logger,
): Promise<() => Promise<void>> {
  if (!endpoint) return async () => undefined;
  const [{ NodeSDK }, { OTLPTraceExporter }] = await Promise.all([
    import("@opentelemetry/sdk-node"),
    import("@opentelemetry/exporter-trace-otlp-http"),
  ]);
  const sdk = new NodeSDK({
    serviceName,
    traceExporter: new OTLPTraceExporter({
      url: new URL("v1/traces", endpoint.endsWith("/") ? endpoint : `${endpoint}/`).href,
    }),
    // Our own spans (intake, ETL batch, publish) only: no auto-instrumentation of every module.
    instrumentations: [],
  });
  sdk.start();
  log.info({ endpoint, serviceName }, "tracing: exporting spans over OTLP");
  return () => sdk.shutdown();
}
