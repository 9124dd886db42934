import type { FastifyReply, FastifyRequest } from "fastify";
import { type HttpError, mapHttpError, sendV3Error } from "../errors/http-error.mapper.js";

/**
 * Fastify's router refuses some URLs before any route, and so any protocol's error handler, sees
 * them: a bad percent-encoding (400) or a path parameter over `maxParamLength` (414). This answers
 * them in the shape of the protocol the path belongs to, as the route would have.
 */
export function answerRouterRefusal(error: Error, request: FastifyRequest, reply: FastifyReply): void {
  const mapped = mapHttpError(error, request);
  void shapeFor(request.url)(reply, mapped);
}

function shapeFor(url: string): (reply: FastifyReply, error: HttpError) => FastifyReply {
  if (url.startsWith("/graphql")) return sendGraphQLError;
  if (url.startsWith("/api/v1/")) return sendMetabaseError;
  return sendV3Error;
}

/** A GraphQL-over-HTTP request error: `{"errors":[{"message","extensions":{"code"}}]}`. */
function sendGraphQLError(reply: FastifyReply, error: HttpError): FastifyReply {
  return reply.code(error.status).send({ errors: [{ message: error.message, extensions: { code: error.code } }] });
}

/** The Metabase protocol's `{"error": "..."}`. */
function sendMetabaseError(reply: FastifyReply, error: HttpError): FastifyReply {
  return reply.code(error.status).send({ error: error.message });
}
