import Fastify, { type FastifyInstance } from "fastify";
import { collectDefaultMetrics, Registry } from "prom-client";
import { RequestHistogram } from "../monitor/request-histogram.js";

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
  const requests = new RequestHistogram(
    "http_request_duration_seconds",
    "HTTP requests by route, method and status",
    ["route", "method", "status"],
    [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registry,
  );
  // A callback hook, not an async one: no promise per response.
  app.addHook("onResponse", (request, reply, done) => {
    // The route pattern, not the URL: one series per route however many dists are asked for.
    const route = request.routeOptions.url ?? "unmatched";
    requests.observe({ route, method: request.method, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
    onResponse?.();
    done();
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
