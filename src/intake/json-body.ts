import type { FastifyInstance, FastifyRequest } from "fastify";
import type { IntakeJsonLimits } from "../config.js";
import { AppError, ErrorCode } from "../errors/index.js";
import { capErrors, decodeMixedBytes, depthError, type InputError, jsonValueErrors } from "../report/index.js";

type Done = (error: Error | null, body?: unknown) => void;

/**
 * Makes JSON the only body the intake routes accept, parsed our way: old clients send text reports
 * that mix UTF-8 with raw Latin-1 bytes, which a plain UTF-8 decode would turn into U+FFFD and
 * lose. With `anyContentType` the body is JSON whatever the Content-Type says (the Metabase routes:
 * HTTP::Tiny labels the client's JSON `application/octet-stream`); otherwise anything but
 * application/json is a 415.
 *
 * A body over the nesting or string limits, or with a string Postgres cannot hold (a lone
 * surrogate), is a 400 naming what is wrong: it could never be stored, so "retry" would be a lie.
 * Depth is checked on the text before parsing, so a body nested a million levels costs one scan.
 */
export function acceptMixedEncodingJson(
  app: FastifyInstance,
  limits: IntakeJsonLimits,
  options: { anyContentType?: boolean } = {},
): void {
  const parse = (_request: FastifyRequest, body: string | Buffer, done: Done): void => {
    const bytes = body as Buffer;
    if (bytes.length === 0) {
      done(Object.assign(new Error("empty body"), { code: "FST_ERR_CTP_EMPTY_JSON_BODY", statusCode: 400 }));
      return;
    }
    const text = decodeMixedBytes(bytes);
    const tooDeep = depthError(text, limits.maxDepth);
    if (tooDeep) return done(invalidBody([tooDeep]));
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      return done(error as Error);
    }
    const errors = jsonValueErrors(value, limits);
    if (errors.length > 0) return done(invalidBody(errors));
    done(null, value);
  };
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("application/json", { parseAs: "buffer" }, parse);
  if (options.anyContentType) app.addContentTypeParser("*", { parseAs: "buffer" }, parse);
}

function invalidBody(errors: InputError[]): AppError {
  const [first] = errors;
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : "";
  return new AppError(
    ErrorCode.BAD_USER_INPUT,
    `invalid JSON body: ${first?.path || "body"}: ${first?.message ?? "is invalid"}${more}`,
    capErrors(errors),
  );
}
