import Fastify, { type FastifyInstance } from "fastify";
import { collectDefaultMetrics, Histogram, Registry } from "prom-client";

export interface MetricsOptions {
  /** Record process metrics and request latency (METRICS); off: only `onResponse` runs. Default on. */
  collect?: boolean;
  /** Serve GET /metrics on this app; off when METRICS_PORT gives it a listener of its own. */
  route: boolean;
  /** Told of every response (the per-minute request count of systemStatus). */
  onResponse?: (() => void) | undefined;
}

/**
 * Prometheus metrics: process metrics (memory, event loop lag, GC) and a latency histogram of
 * every route, in `registry`; other modules add theirs to the same registry.
 */
export function registerMetrics(
  app: FastifyInstance,
  registry: Registry = new Registry(),
  options: MetricsOptions = { route: true },
): Registry {
  const { onResponse } = options;
  if (options.collect === false) {
    if (onResponse) app.addHook("onResponse", async () => onResponse());
    return registry;
  }
  collectDefaultMetrics({ register: registry });
  const requests = new Histogram({
    name: "http_request_duration_seconds",
    help: "HTTP requests by route, method and status",
    labelNames: ["route", "method", "status"] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  app.addHook("onResponse", async (request, reply) => {
    // The route pattern, not the URL: one series per route however many dists are asked for.
    const route = request.routeOptions.url ?? "unmatched";
    requests.observe({ route, method: request.method, status: reply.statusCode }, reply.elapsedTime / 1000);
    onResponse?.();
  });
  if (options.route) serveMetrics(app, registry);
  return registry;
}

/** GET /metrics in the Prometheus text format. */
export function serveMetrics(app: FastifyInstance, registry: Registry): void {
  app.get("/metrics", async (_request, reply) => reply.type(registry.contentType).send(await registry.metrics()));
}

export interface MetricsServer {
  url: string;
  close(): Promise<void>;
}

/**
 * /metrics (and /healthz) on a listener of its own: METRICS_PORT, which an operator keeps off the
 * public network while PORT is exposed.
 */
export async function startMetricsServer(registry: Registry, host: string, port: number): Promise<MetricsServer> {
  const app = Fastify();
  app.get("/healthz", async () => ({ status: "ok" }));
  serveMetrics(app, registry);
  await app.listen({ host, port });
  const address = app.server.address();
  const bound = typeof address === "object" && address ? address.port : port;
  return { url: `http://${host.includes(":") ? `[${host}]` : host}:${bound}/metrics`, close: () => app.close() };
}
