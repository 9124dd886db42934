import { context, propagation, type Span, SpanStatusCode, trace } from "@opentelemetry/api";

/*
 * Spans through the OpenTelemetry API. Without an SDK registered (OTEL_EXPORTER_OTLP_ENDPOINT
 * unset, see monitor/tracing.ts) every call here is the API's no-op: no allocation of consequence,
 * nothing recorded, nothing sent.
 */

const tracer = trace.getTracer("cpantesters-platform");

/** Runs `work` in a span named `name`, ending it (with the error, if any) when it settles. */
export async function inSpan<T>(
  name: string,
  attributes: Record<string, string | number | boolean>,
  work: (span: Span) => Promise<T>,
  parent = context.active(),
): Promise<T> {
  return tracer.startActiveSpan(name, { attributes }, parent, async (span) => {
    try {
      return await work(span);
    } catch (error) {
      span.recordException(error as Error);
      span.setStatus({ code: SpanStatusCode.ERROR });
      throw error;
    } finally {
      span.end();
    }
  });
}

/** The W3C traceparent of the active span, to store beside what a later process continues; undefined when not tracing. */
export function currentTraceparent(): string | undefined {
  if (!trace.getActiveSpan()?.isRecording()) return undefined;
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier.traceparent;
}

/** The context a stored traceparent names, so that a span started in it continues that trace. */
export function contextOf(traceparent: string | undefined): ReturnType<typeof context.active> {
  if (!traceparent) return context.active();
  return propagation.extract(context.active(), { traceparent });
}

/** Links the active span to the span a stored traceparent names (a batch links every report it made visible). */
export function linkActiveSpanTo(traceparent: string | undefined): void {
  const span = trace.getActiveSpan();
  if (!traceparent || !span?.isRecording()) return;
  const linked = trace.getSpanContext(contextOf(traceparent));
  if (linked) span.addLink({ context: linked });
}

/** Whether spans are being recorded (an SDK is registered and this span is sampled). */
export const tracing = (): boolean => trace.getActiveSpan()?.isRecording() ?? false;
