import type { FastifyInstance, FastifyRequest } from "fastify";
import { type Budget, credentialKey, type RateLimiter, rateLimitHeaders, rateLimited } from "../auth/rate.limiter.js";
import { basicCredentials, bearerToken } from "../auth/tester.auth.js";
import type { AbuseLimits } from "../config.js";

/** The routes that store something for whoever asks, by method and route pattern. */
const INTAKE_ROUTES = new Set(["POST /api/v1/submit/CPAN-Testers-Report", "POST /v3/report"]);
const REGISTER_ROUTES = new Set(["POST /api/v1/register"]);

/**
 * Who sent a request, as rate-limit keys: the address, and the credential when one is sent. The
 * key covers the whole credential (a profile GUID with its secret), so that requests naming a
 * tester's profile with a wrong secret cannot spend that tester's budget.
 */
export function requesterKeys(request: FastifyRequest): { ip: string; credential: string | undefined } {
  const { authorization } = request.headers;
  const basic = basicCredentials(authorization);
  const token = bearerToken(authorization);
  const credential = basic
    ? `profile:${credentialKey(`${basic.user.toLowerCase()}:${basic.password}`)}`
    : token
      ? `token:${credentialKey(token)}`
      : undefined;
  return { ip: request.ip, credential };
}

/**
 * Rate limits on intake and registration, per IP address and per credential, before the body is
 * even read. A refusal is thrown, so each route answers in its own protocol's error shape.
 * Must be added before the routes it guards are registered (hooks reach later plugins only).
 */
export function addRateLimitHooks(app: FastifyInstance, limiter: RateLimiter, limits: AbuseLimits): void {
  app.addHook("onRequest", async (request, reply) => {
    const route = `${request.method} ${request.routeOptions.url ?? ""}`;
    const { ip, credential } = requesterKeys(request);
    let resource: string;
    let budgets: Budget[];
    if (INTAKE_ROUTES.has(route)) {
      resource = "intake";
      budgets = [{ key: `ip:${ip}`, max: limits.intakePerIp }];
      // An unverified credential still gets its own budget: the address's budget caps made-up ones.
      if (credential) budgets.push({ key: credential, max: limits.intakePerCredential });
    } else if (REGISTER_ROUTES.has(route)) {
      resource = "register";
      budgets = [{ key: `ip:${ip}`, max: limits.registerPerIp }];
    } else {
      return;
    }
    const verdict = await limiter.spend(resource, budgets);
    reply.headers(rateLimitHeaders(verdict));
    if (!verdict.allowed) {
      throw rateLimited(
        `rate limit of ${verdict.limit} ${resource} requests per ${limits.windowSeconds} s exceeded`,
        verdict.resetInSeconds,
      );
    }
  });
}
