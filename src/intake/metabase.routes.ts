import type { FastifyInstance, FastifyReply } from "fastify";
import type { Db } from "../db/client.js";
import { documentExists } from "../db/queries/document.queries.js";
import { findTester, registerTester, verifyTesterSecret } from "../db/queries/tester.queries.js";
import { databaseFault, retryAfterOf } from "../db/errors.js";
import { AppError, ErrorCode, fromRequestError } from "../errors.js";
import type { Logger } from "../log.js";
import { parseRegistration } from "../report/index.js";
import { acceptMixedEncodingJson } from "./json-body.js";
import type { ReportIntake } from "./report.intake.js";
import { metabaseTester } from "./tester.auth.js";

export interface MetabaseRouteOptions {
  db: Db;
  intake: ReportIntake;
  log: Logger;
  bodyLimit: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The Metabase protocol that every existing CPAN client speaks (Test::Reporter::Transport::Metabase
 * and Metabase::Client::Simple), mounted under /api/v1. Status codes, bodies and headers follow
 * what the clients check: 201 with `{"guid"}` and a Location, 401 to start registration, and
 * `{"error"}` bodies, which the client prints when it gives up.
 */
export async function metabaseRoutes(app: FastifyInstance, options: MetabaseRouteOptions): Promise<void> {
  const { db, intake } = options;
  acceptMixedEncodingJson(app);

  app.setErrorHandler((error, request, reply) => {
    const known =
      databaseFault(error) ?? fromRequestError(error, { ...options, contentType: request.headers["content-type"] });
    if (known) return sendError(reply, known);
    request.log.error({ err: error }, "unexpected error in the Metabase intake");
    return reply.code(500).send({ error: "internal server error; the report was not stored, please retry" });
  });

  app.post("/submit/CPAN-Testers-Report", async (request, reply) => {
    const tester = await metabaseTester(db, request.headers.authorization);
    if (!tester) {
      throw new AppError(ErrorCode.UNAUTHENTICATED, "unknown tester or wrong secret: check your metabase_id.json");
    }
    const { id } = await intake.submitMetabase(request.body, tester);
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
        parsed.errors,
      );
    }
    const { profile, secret } = parsed;
    const existing = await findTester(db, profile.guid);
    if (existing && !(await verifyTesterSecret(db, profile.guid, secret))) {
      // Never let a registration replace someone's secret: that would hand over their identity.
      throw new AppError(ErrorCode.CONFLICT, `profile ${profile.guid} is already registered with another secret`);
    }
    if (!existing)
      await registerTester(db, { id: profile.guid, fullName: profile.fullName, email: profile.email }, secret);
    return reply.code(201).header("location", `/api/v1/guid/${profile.guid}`).send({ guid: profile.guid });
  });

  // The client asks whether its profile exists after a 401; reports can be looked up the same way.
  app.route({
    method: ["GET", "HEAD"],
    url: "/guid/:guid",
    handler: async (request, reply) => {
      const { guid } = request.params as { guid: string };
      const id = guid.toLowerCase();
      const type = !UUID.test(id)
        ? undefined
        : (await findTester(db, id))
          ? "Metabase-User-Profile"
          : (await documentExists(db, id))
            ? "CPAN-Testers-Report"
            : undefined;
      if (!type) return reply.code(404).send({ error: `no fact with guid ${guid}` });
      return reply.send({ guid: id, type });
    },
  });
}

function sendError(reply: FastifyReply, error: AppError): FastifyReply {
  if (error.code === ErrorCode.UNAUTHENTICATED) reply.header("www-authenticate", 'Basic realm="CPAN Testers"');
  const seconds = retryAfterOf(error);
  if (seconds !== undefined) reply.header("retry-after", String(seconds));
  const details = error.details.length > 1 ? { details: error.details } : {};
  return reply.code(error.status).send({ error: error.message, ...details });
}
