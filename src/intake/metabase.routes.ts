import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { AuthBackoff } from "../auth/auth.backoff.js";
import { basicCredentials, registerProfile, requireMetabaseTester } from "../auth/tester.auth.js";
import { requireScope } from "../auth/scope.guard.js";
import type { Db } from "../db/client.js";
import { documentExists } from "../db/queries/document.queries.js";
import { findTester } from "../db/queries/tester.queries.js";
import { TokenScope } from "../db/schema/index.js";
import { type HttpError, httpErrorHandler } from "../errors/http-error.mapper.js";
import { AppError, ErrorCode, notFound } from "../errors/index.js";
import type { Logger } from "../log.js";
import { capErrors, parseRegistration, isUuid } from "../report/index.js";
import { acceptMixedEncodingJson } from "./json-body.js";
import { REPORT_NOT_STORED, type ReportIntake } from "./report.intake.js";

export interface MetabaseRouteOptions {
  db: Db;
  intake: ReportIntake;
  log: Logger;
  /** Slows down secret guessing; absent when abuse controls are off. */
  backoff?: AuthBackoff | undefined;
}

/**
 * The Metabase protocol that every existing CPAN client speaks (Test::Reporter::Transport::Metabase
 * and Metabase::Client::Simple), mounted under /api/v1. Status codes, bodies and headers follow
 * what the clients check: 201 with `{"guid"}` and a Location, 401 to start registration, and
 * `{"error"}` bodies, which the client prints when it gives up.
 */
export async function metabaseRoutes(app: FastifyInstance, options: MetabaseRouteOptions): Promise<void> {
  const { db, intake, backoff } = options;
  /** Runs an authentication under the back-off: refused while backing off, failures counted. */
  const guarded = async <T>(request: FastifyRequest, profile: string | undefined, attempt: () => Promise<T>) => {
    await backoff?.check(profile, request.ip);
    try {
      return await attempt();
    } catch (error) {
      const failedAuth =
        error instanceof AppError && (error.code === ErrorCode.UNAUTHENTICATED || error.code === ErrorCode.CONFLICT);
      if (failedAuth) await backoff?.failed(profile, request.ip);
      throw error;
    }
  };
  // The original server never looked at the content type here, and the Perl client's JSON arrives
  // as `application/octet-stream` (HTTP::Tiny's default) beside a literal `Content_Type` header.
  acceptMixedEncodingJson(app, intake.jsonLimits, { anyContentType: true });

  app.setErrorHandler(httpErrorHandler({ masked: REPORT_NOT_STORED, send: sendMetabaseError }));

  app.post("/submit/CPAN-Testers-Report", async (request, reply) => {
    const { authorization } = request.headers;
    const holder = await guarded(request, basicCredentials(authorization)?.user, () =>
      requireMetabaseTester(db, authorization),
    );
    const tester = requireScope(holder, TokenScope.submitReports);
    const { id } = await intake.submitMetabase(request.body, tester, { requestId: request.id });
    // 201 for a retry of a stored report too: clients treat anything else as a failure and resend.
    return reply.code(201).header("location", `/api/v1/guid/${id}`).send({ guid: id });
  });

  app.post("/register", async (request, reply) => {
    const parsed = parseRegistration(request.body);
    if (!parsed.ok) {
      const [first] = parsed.errors;
      throw new AppError(
        ErrorCode.BAD_USER_INPUT,
        `invalid registration: ${first?.path ?? ""} ${first?.message ?? ""}`.trim(),
        capErrors(parsed.errors),
      );
    }
    const { profile, secret } = parsed;
    // Registering a known profile with another secret is a way of guessing it, so it backs off too.
    await guarded(request, profile.guid, () =>
      registerProfile(db, { id: profile.guid, fullName: profile.fullName, email: profile.email }, secret),
    );
    // The original's answer; the client only checks for a 2xx.
    return reply.code(200).send({ message: "accepted" });
  });

  // The client asks whether its profile exists after a 401; reports can be looked up the same way.
  app.route({
    method: ["GET", "HEAD"],
    url: "/guid/:guid",
    handler: async (request, reply) => {
      const { guid } = request.params as { guid: string };
      const id = guid.toLowerCase();
      const type = !isUuid(id)
        ? undefined
        : (await findTester(db, id))
          ? "Metabase-User-Profile"
          : (await documentExists(db, id))
            ? "CPAN-Testers-Report"
            : undefined;
      if (!type) throw notFound(`${guid} not found`);
      return reply.send({ guid: id, type });
    },
  });
}

/** The Metabase rendering of the shared mapping: `{"error"}`, which the client prints when it gives up. */
function sendMetabaseError(reply: FastifyReply, error: HttpError): FastifyReply {
  if (error.code === ErrorCode.UNAUTHENTICATED) reply.header("www-authenticate", 'Basic realm="CPAN Testers"');
  const details = error.errors.length > 1 ? { details: error.errors } : {};
  return sendJson(reply.code(error.status), { error: error.message, ...details });
}

/**
 * Metabase::Client::Simple prints an error's `error` only when the type is exactly
 * application/json; Fastify adds a charset to any JSON it serialises, but not to bytes.
 */
function sendJson(reply: FastifyReply, body: unknown): FastifyReply {
  return reply.type("application/json").send(Buffer.from(JSON.stringify(body)));
}
