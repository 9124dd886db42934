import type { ApolloServerPlugin } from "@apollo/server";
import { ApolloServerErrorCode } from "@apollo/server/errors";
import { GraphQLError, OperationTypeNode } from "graphql";

/** Codes of errors that Apollo raises for a request before anything runs, where it gives none. */
export const RequestErrorCode = {
  PERSISTED_QUERY_HASH_MISMATCH: "PERSISTED_QUERY_HASH_MISMATCH",
  BAD_REQUEST: ApolloServerErrorCode.BAD_REQUEST,
} as const;

const VALIDATION_FAILED: string = ApolloServerErrorCode.GRAPHQL_VALIDATION_FAILED;

/** Apollo's message for a query whose SHA-256 is not the persisted-query hash sent with it. */
const HASH_MISMATCH = "provided sha does not match query";

/**
 * The code of an error Apollo raised for the request without one (it then shows as
 * INTERNAL_SERVER_ERROR): a persisted-query hash that does not match, an unsupported persisted
 * query version. They carry a 4xx status and no path; undefined for anything else.
 */
export function requestErrorCode(error: unknown): string | undefined {
  // Apollo gives every validation error its code; a limit checked during validation keeps its own.
  const original = error instanceof GraphQLError ? error.originalError : undefined;
  const originalCode = original instanceof GraphQLError ? original.extensions.code : undefined;
  if (typeof originalCode === "string" && (error as GraphQLError).extensions.code === VALIDATION_FAILED) {
    return originalCode;
  }
  // graphql-jit's errors may have no extensions at all.
  const extensions = (error as Partial<GraphQLError>).extensions;
  if (!(error instanceof GraphQLError) || error.path !== undefined || extensions?.code !== undefined) {
    return undefined;
  }
  const status = (extensions?.http as { status?: unknown } | undefined)?.status;
  if (typeof status !== "number" || status < 400 || status >= 500) return undefined;
  return error.message === HASH_MISMATCH
    ? RequestErrorCode.PERSISTED_QUERY_HASH_MISMATCH
    : RequestErrorCode.BAD_REQUEST;
}

/**
 * Request mistakes that Apollo would let through or answer with 200: a subscription sent over
 * HTTP (executed as a query, it fails inside a resolver as our fault) is refused with where to send
 * it, and an unknown persisted query is a 400 like every other request error (Apollo's 200 is for
 * clients that treat any 4xx as final; Apollo Client reads the error from a 400 body all the same).
 */
export function requestErrorsPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, request }) {
          if (operation?.operation !== OperationTypeNode.SUBSCRIPTION || !request.http) return;
          const headers = request.http.headers;
          const secure = headers.get("x-forwarded-proto")?.split(",")[0]?.trim() === "https";
          const url = `${secure ? "wss" : "ws"}://${headers.get("host") ?? "localhost"}/graphql`;
          throw new GraphQLError(`subscriptions need a WebSocket: connect to ${url} with graphql-ws`, {
            extensions: { code: RequestErrorCode.BAD_REQUEST, http: { status: 400 } },
          });
        },
        async willSendResponse({ response }) {
          const errors = response.body.kind === "single" ? response.body.singleResult.errors : undefined;
          if (errors?.some((error) => error.extensions?.code === ApolloServerErrorCode.PERSISTED_QUERY_NOT_FOUND)) {
            response.http.status = 400;
          }
        },
      };
    },
  };
}
