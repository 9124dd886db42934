import { type Context, type ContextManager, ROOT_CONTEXT } from "@opentelemetry/api";
import type { Logger } from "../log.js";

/**
 * Starts OpenTelemetry's tracing SDK, exporting spans over OTLP/HTTP to `endpoint`, when there is
 * one. Without one nothing of the SDK is even loaded (the imports are lazy): src/tracing.ts then
 * calls the API's no-ops. Returns the function that flushes and stops it.
 *
 * Only the tracer provider is loaded, not `@opentelemetry/sdk-node`: that one also brings the
 * metrics and logs SDKs, every exporter and instrumentation support, twice the heap, for nothing
 * the platform uses (its metrics are prom-client's, its logs pino's).
 */
export async function startTracing(
  endpoint: string | undefined,
  serviceName: string,
  log: Logger,
): Promise<() => Promise<void>> {
  if (!endpoint) return async () => undefined;
  const [{ NodeTracerProvider, BatchSpanProcessor }, { OTLPTraceExporter }, resources] = await Promise.all([
    import("@opentelemetry/sdk-trace-node"),
    import("@opentelemetry/exporter-trace-otlp-http"),
    import("@opentelemetry/resources"),
  ]);
  const exporter = new OTLPTraceExporter({
    url: new URL("v1/traces", endpoint.endsWith("/") ? endpoint : `${endpoint}/`).href,
  });
  const provider = new NodeTracerProvider({
    // Our service name unless OTEL_SERVICE_NAME or OTEL_RESOURCE_ATTRIBUTES say otherwise.
    resource: resources
      .resourceFromAttributes({ "service.name": serviceName })
      .merge(resources.detectResources({ detectors: [resources.envDetector] })),
    // The sampler comes from OTEL_TRACES_SAMPLER and its argument, read by the provider itself.
    spanProcessors: [new BatchSpanProcessor(exporter)],
  });
  // The default context manager, AsyncLocalStorage, keeps the context across awaits with promise
  // hooks that cost every request: reads fell to 0.77x of the throughput without tracing
  // (bench/scenarios/observability.scenario.ts). The platform hands spans on explicitly.
  provider.register({ contextManager: new SynchronousContextManager() });
  log.info({ endpoint, serviceName }, "tracing: exporting spans over OTLP");
  return () => provider.shutdown();
}

/** The active context only for the synchronous extent of `with`; nothing follows an `await`. */
class SynchronousContextManager implements ContextManager {
  private current: Context = ROOT_CONTEXT;

  active(): Context {
    return this.current;
  }

  with<A extends unknown[], F extends (...args: A) => ReturnType<F>>(
    context: Context,
    fn: F,
    thisArg?: ThisParameterType<F>,
    ...args: A
  ): ReturnType<F> {
    const previous = this.current;
    this.current = context;
    try {
      return fn.call(thisArg, ...args);
    } finally {
      this.current = previous;
    }
  }

  bind<T>(_context: Context, target: T): T {
    return target;
  }

  enable(): this {
    return this;
  }

  disable(): this {
    this.current = ROOT_CONTEXT;
    return this;
  }
}
