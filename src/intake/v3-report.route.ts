import type { FastifyInstance } from "fastify";
import { authorizeSubmitter } from "../auth/submitter.auth.js";
import type { Db } from "../db/client.js";
import { httpErrorHandler } from "../errors/http-error.mapper.js";
import { parseIdempotencyKey } from "./idempotency-key.js";
import { acceptMixedEncodingJson } from "./json-body.js";
import { REPORT_NOT_STORED, type ReportIntake } from "./report.intake.js";

export interface V3ReportRouteOptions {
  db: Db;
  intake: ReportIntake;
  allowAnonymousReports: boolean;
}

/**
 * POST /v3/report: a v3 report document, from a tester with an API token (or anyone, when
 * anonymous reports are allowed). 201 `{"id"}` when stored, 200 `{"id"}` when that exact report
 * was already stored, 400 `{"errors":[{"message","path"}]}` when it breaks the schema. A client
 * that cannot set `id` sends an `Idempotency-Key` header instead: its retries are the same report.
 */
export async function v3ReportRoute(app: FastifyInstance, options: V3ReportRouteOptions): Promise<void> {
  acceptMixedEncodingJson(app, options.intake.jsonLimits);
  app.setErrorHandler(httpErrorHandler({ masked: REPORT_NOT_STORED }));

  app.post("/v3/report", async (request, reply) => {
    const tester = await authorizeSubmitter(options, request.headers.authorization);
    const key = parseIdempotencyKey(request.headers["idempotency-key"]);
    const submission = await options.intake.submitV3(request.body, "v3", tester, key, { requestId: request.id });
    return reply.code(submission.created ? 201 : 200).send({ id: submission.id });
  });
}
