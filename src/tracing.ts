import { context, propagation, ROOT_CONTEXT, type Span, SpanStatusCode, trace } from "@opentelemetry/api";

/*
 * Spans through the OpenTelemetry API. Without an SDK registered (OTEL_EXPORTER_OTLP_ENDPOINT
 * unset, see monitor/tracing.ts) every call here is the API's no-op: no allocation of consequence,
 * nothing recorded, nothing sent. Spans are handed on explicitly (the span, its traceparent), not
 * through an async context: the SDK runs without AsyncLocalStorage, which every promise of every
 * request would pay for.
 */

const tracer = trace.getTracer("cpantesters-platform");

/** Runs `work` in a span named `name`, ending it (with the error, if any) when it settles. */
export async function inSpan<T>(
  name: string,
  attributes: Record<string, string | number | boolean>,
  work: (span: Span) => Promise<T>,
  parent = context.active(),
): Promise<T> {
  const span = tracer.startSpan(name, { attributes }, parent);
  try {
    return await context.with(trace.setSpan(parent, span), () => work(span));
  } catch (error) {
    span.recordException(error as Error);
    span.setStatus({ code: SpanStatusCode.ERROR });
    throw error;
  } finally {
    span.end();
  }
}

/** The W3C traceparent of a span, to store beside what a later process continues; undefined when not tracing. */
export function traceparentOf(span: Span): string | undefined {
  if (!span.isRecording()) return undefined;
  const carrier: Record<string, string> = {};
  propagation.inject(trace.setSpan(ROOT_CONTEXT, span), carrier);
  return carrier.traceparent;
}

/** The context a stored traceparent names, so that a span started in it continues that trace. */
export function contextOf(traceparent: string | undefined): ReturnType<typeof context.active> {
  if (!traceparent) return context.active();
  return propagation.extract(ROOT_CONTEXT, { traceparent });
}

/** Links a span to the span a stored traceparent names (a batch links every report it made visible). */
export function linkSpanTo(span: Span, traceparent: string | undefined): void {
  if (!traceparent || !span.isRecording()) return;
  const linked = trace.getSpanContext(contextOf(traceparent));
  if (linked) span.addLink({ context: linked });
}
