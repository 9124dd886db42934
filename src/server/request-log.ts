import { randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { FastifyInstance } from "fastify";

/** An X-Request-Id a client or proxy sent is kept when it looks like an id; anything else gets a fresh one. */
const REQUEST_ID = /^[A-Za-z0-9._:@/+=-]{1,128}$/;
/** Longest URL written to a log line: a query string can be as long as the body limit. */
const MAX_LOGGED_URL = 512;

/** Fastify's genReqId: the caller's X-Request-Id when usable (one id through proxies and clients), else a uuid. */
export function requestIdOf(request: IncomingMessage): string {
  const header = request.headers["x-request-id"];
  return typeof header === "string" && REQUEST_ID.test(header) ? header : randomUUID();
}

/**
 * Every response says its request id (X-Request-Id), and, when `logLines` is on, every request
 * leaves one JSON line: method, URL, route, status and time, with the id (`reqId`) that every other
 * line logged for it carries too. A client's mistake (4xx) is info: only our faults (5xx) are errors.
 */
export function registerRequestLog(app: FastifyInstance, options: { logLines: boolean }): void {
  app.addHook("onRequest", async (request, reply) => {
    void reply.header("x-request-id", request.id);
  });
  if (!options.logLines) return;
  app.addHook("onResponse", async (request, reply) => {
    const status = reply.statusCode;
    const line = {
      method: request.method,
      url: request.url.length > MAX_LOGGED_URL ? `${request.url.slice(0, MAX_LOGGED_URL)}…` : request.url,
      route: request.routeOptions.url ?? null,
      status,
      ms: Math.round(reply.elapsedTime * 10) / 10,
      ip: request.ip,
    };
    if (status >= 500) request.log.error(line, "request failed");
    else request.log.info(line, "request");
  });
}
