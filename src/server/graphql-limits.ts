import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import type { GraphQLLimits } from "../config.js";
import { mapHttpError } from "../errors/http-error.mapper.js";
import { LimitCode, limitBody } from "../graphql/execution/limit-errors.js";

/**
 * The HTTP side of the limits on one GraphQL request: the body (refused while it is read, before
 * Apollo sees it) and the response (checked on its serialised size, so nothing larger leaves),
 * both answered in GraphQL's error shape with the figures.
 */
export function graphqlHttpLimits(limits: Pick<GraphQLLimits, "bodyBytes" | "responseBytes">) {
  return {
    bodyLimit: limits.bodyBytes,
    errorHandler: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
      if (error.code !== "FST_ERR_CTP_BODY_TOO_LARGE") {
        // Other bodies Fastify refused before Apollo saw them (malformed JSON, a media type it
        // does not parse) are client errors too, answered in GraphQL's shape like Apollo's own.
        const mapped = mapHttpError(error, request);
        if (mapped.status >= 500) throw error;
        return reply
          .code(mapped.status)
          .header("cache-control", "no-store")
          .send({ errors: [{ message: mapped.message, extensions: { code: mapped.code } }] });
      }
      const length = Number(request.headers["content-length"]);
      const body = limitBody(
        LimitCode.PAYLOAD_TOO_LARGE,
        "request body in bytes",
        limits.bodyBytes,
        Number.isFinite(length) ? length : undefined,
      );
      return reply
        .code(413)
        .header("cache-control", "no-store")
        .send({ errors: [body] });
    },
    onSend: async (_request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
      if (typeof payload !== "string" || payload.length * 3 <= limits.responseBytes) return payload;
      const bytes = Buffer.byteLength(payload);
      if (bytes <= limits.responseBytes) return payload;
      reply.code(400).header("content-type", "application/json; charset=utf-8").header("cache-control", "no-store");
      const body = limitBody(LimitCode.RESPONSE_TOO_LARGE, "response in bytes", limits.responseBytes, bytes);
      return JSON.stringify({ errors: [{ ...body, message: `${body.message}: ask for fewer or smaller items` }] });
    },
  };
}
