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
 * Sheds load when the event loop lags, memory is nearly full or more requests are in flight than
 * the database can serve in a moment: new requests get 503 with Retry-After at once, in their
 * protocol's error shape, so what is accepted keeps a bounded p99 instead of every request
 * queueing behind the rest.
 */
export async function registerLoadShedding(
  app: FastifyInstance,
  limits: Pick<AbuseLimits, "shedEventLoopDelayMs" | "shedHeapUsedBytes" | "shedRssBytes" | "shedMaxInFlight">,
): Promise<void> {
  await app.register(underPressure, {
    maxEventLoopDelay: limits.shedEventLoopDelayMs,
    maxHeapUsedBytes: limits.shedHeapUsedBytes ?? defaultShedHeapBytes(),
    maxRssBytes: limits.shedRssBytes,
    retryAfter: SHED_RETRY_AFTER_SECONDS,
    // The plugin sends what the handler returns (index.js, handlePressure); its types say void.
    pressureHandler: ((request: FastifyRequest, reply: FastifyReply) =>
      EXEMPT.has(pathOf(request))
        ? undefined
        : shedAnswer(request, reply)) as unknown as FastifyUnderPressureOptions["pressureHandler"],
  });
  if (limits.shedMaxInFlight > 0) limitInFlight(app, limits.shedMaxInFlight);
}

/**
 * Past `max` requests in flight, the database pool's queue only grows and every request waits
 * behind it (the event loop stays idle meanwhile, so its delay never trips): the excess is
 * refused at once instead. WebSocket upgrades live for hours and are bounded on their own.
 */
function limitInFlight(app: FastifyInstance, max: number): void {
  let inFlight = 0;
  app.addHook("onRequest", async (request, reply) => {
    if (EXEMPT.has(pathOf(request)) || request.headers.upgrade !== undefined) return;
    if (inFlight >= max) return reply.send(shedAnswer(request, reply));
    inFlight += 1;
    // "close" fires once whether the answer was sent or the client went away first.
    reply.raw.once("close", () => (inFlight -= 1));
  });
}

const pathOf = (request: FastifyRequest): string => request.url.split("?")[0] ?? "";

/** The 503 of a shed request, in the error shape of the protocol its path belongs to. */
function shedAnswer(request: FastifyRequest, reply: FastifyReply): object {
  const message = "the server is overloaded; retry shortly";
  const path = pathOf(request);
  reply.code(503).header("retry-after", String(SHED_RETRY_AFTER_SECONDS));
  if (path.startsWith("/graphql")) {
    return {
      errors: [{ message, extensions: { code: ErrorCode.UNAVAILABLE, retryAfter: SHED_RETRY_AFTER_SECONDS } }],
    };
  }
  // The Metabase client prints `error`; everything else speaks the v3 shape.
  return path.startsWith("/api/v1/") ? { error: message } : { errors: [{ message }] };
}
