import type { FastifyInstance } from "fastify";
import type { Db } from "../db/client.js";
import { databaseFault, retryAfterOf } from "../db/errors.js";
import { fromRequestError } from "../errors.js";
import { acceptMixedEncodingJson } from "./json-body.js";
import type { ReportIntake } from "./report.intake.js";
import { authorizeSubmitter } from "./submitter.js";

export interface V3ReportRouteOptions {
  db: Db;
  intake: ReportIntake;
  bodyLimit: number;
  allowAnonymousReports: boolean;
}

/**
 * POST /v3/report: a v3 report document, from a tester with an API token (or anyone, when
 * anonymous reports are allowed). 201 `{"id"}` when stored, 200 `{"id"}` when that exact report
 * was already stored, 400 `{"errors":[{"message","path"}]}` when it breaks the schema.
 */
export async function v3ReportRoute(app: FastifyInstance, options: V3ReportRouteOptions): Promise<void> {
  acceptMixedEncodingJson(app);

  app.setErrorHandler((error, request, reply) => {
    const known =
      databaseFault(error) ?? fromRequestError(error, { ...options, contentType: request.headers["content-type"] });
    if (known) {
      const seconds = retryAfterOf(known);
      if (seconds !== undefined) reply.header("retry-after", String(seconds));
      return reply.code(known.status).send(known.toJSON());
    }
    request.log.error({ err: error }, "unexpected error in the v3 intake");
    return reply
      .code(500)
      .send({ errors: [{ message: "internal server error; the report was not stored, please retry" }] });
  });

  app.post("/v3/report", async (request, reply) => {
    const tester = await authorizeSubmitter(options, request.headers.authorization);
    const submission = await options.intake.submitV3(request.body, "v3", tester);
    return reply.code(submission.created ? 201 : 200).send({ id: submission.id });
  });
}
