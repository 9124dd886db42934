import { type Context, type ContextManager, ROOT_CONTEXT } from "@opentelemetry/api";
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
    // The SDK's default keeps the context across awaits with AsyncLocalStorage, whose promise
    // hooks cost every request: reads fell to 0.77x of the throughput without tracing
    // (bench/scenarios/observability.scenario.ts). The platform hands spans on explicitly.
    contextManager: new SynchronousContextManager(),
  });
  sdk.start();
  log.info({ endpoint, serviceName }, "tracing: exporting spans over OTLP");
  return () => sdk.shutdown();
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
