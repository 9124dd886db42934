import { getHeapStatistics } from "node:v8";
import underPressure, { type FastifyUnderPressureOptions } from "@fastify/under-pressure";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { AbuseLimits } from "../config.js";
import { ErrorCode } from "../errors/index.js";

/** Routes that always answer: health checks and metrics must tell the truth under pressure. */
const EXEMPT = new Set(["/healthz", "/readyz", "/metrics"]);

/** Seconds a shed client is told to wait. */
export const SHED_RETRY_AFTER_SECONDS = 2;

/** The heap in use above which requests are shed when the setting is absent: 90% of V8's limit. */
export const defaultShedHeapBytes = (): number => Math.floor(getHeapStatistics().heap_size_limit * 0.9);

/**
 * Sheds load when the event loop lags or memory is nearly full: new requests get 503 with
 * Retry-After at once, in their protocol's error shape, so what is accepted keeps a bounded p99
 * instead of every request queueing behind the rest.
 */
export async function registerLoadShedding(
  app: FastifyInstance,
  limits: Pick<AbuseLimits, "shedEventLoopDelayMs" | "shedHeapUsedBytes" | "shedRssBytes">,
): Promise<void> {
  const message = "the server is overloaded; retry shortly";
  await app.register(underPressure, {
    maxEventLoopDelay: limits.shedEventLoopDelayMs,
    maxHeapUsedBytes: limits.shedHeapUsedBytes ?? defaultShedHeapBytes(),
    maxRssBytes: limits.shedRssBytes,
    retryAfter: SHED_RETRY_AFTER_SECONDS,
    // The plugin sends what the handler returns (index.js, handlePressure); its types say void.
    pressureHandler: ((request: FastifyRequest, reply: FastifyReply) => {
      const path = request.url.split("?")[0] ?? "";
      if (EXEMPT.has(path)) return undefined;
      reply.code(503).header("retry-after", String(SHED_RETRY_AFTER_SECONDS));
      if (path.startsWith("/graphql")) {
        return {
          errors: [{ message, extensions: { code: ErrorCode.UNAVAILABLE, retryAfter: SHED_RETRY_AFTER_SECONDS } }],
        };
      }
      // The Metabase client prints `error`; everything else speaks the v3 shape.
      return path.startsWith("/api/v1/") ? { error: message } : { errors: [{ message }] };
    }) as unknown as FastifyUnderPressureOptions["pressureHandler"],
  });
}
