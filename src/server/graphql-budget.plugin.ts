import type { ApolloServerPlugin, BaseContext } from "@apollo/server";
import { GraphQLError } from "graphql";
import {
  type Budget,
  credentialKey,
  type RateLimiter,
  rateLimitHeaders,
  type RateVerdict,
} from "../auth/rate.limiter.js";
import { bearerToken } from "../auth/tester.auth.js";
import type { AbuseLimits } from "../config.js";
import { ErrorCode } from "../errors/index.js";
import { measureQuery, type QueryLimits } from "../graphql/execution/limits.js";

/** Who sent a GraphQL request over HTTP; operations the server runs itself (cache refreshes) have none. */
export interface Requester {
  ip: string;
  authorization: string | undefined;
}

const REQUESTER = Symbol("requester");

/**
 * Marks a request's context with its sender. A symbol-keyed member rather than a WeakMap: Apollo
 * hands plugins a shallow copy of the context, which keeps own members but not identity.
 */
export function withRequester<Context extends object>(context: Context, requester: Requester): Context {
  return Object.assign(context, { [REQUESTER]: requester });
}

const requesterOf = (context: object): Requester | undefined => (context as { [REQUESTER]?: Requester })[REQUESTER];

/**
 * GitHub's points budget: every operation spends its query cost from the budget of its address
 * and, with a token, of the token; an operation that overdraws either is refused with 429 before
 * it runs. Requests without a sender (operations the server runs itself) spend nothing.
 */
export function graphqlBudgetPlugin<Context extends BaseContext>(
  limiter: RateLimiter,
  limits: AbuseLimits,
  queryLimits: QueryLimits,
): ApolloServerPlugin<Context> {
  return {
    async requestDidStart({ contextValue }) {
      const requester = requesterOf(contextValue);
      if (!requester) return;
      let verdict: RateVerdict | undefined;
      return {
        async didResolveOperation({ schema, document, request, operationName }) {
          // The same measurement as the query limits (memoised): a query refused for its cost spends nothing.
          const { requested } = measureQuery(schema, document, request.variables, operationName, queryLimits);
          const budgets: Budget[] = [{ key: `ip:${requester.ip}`, max: limits.graphqlPointsPerIp }];
          const token = bearerToken(requester.authorization);
          if (token) budgets.push({ key: `token:${credentialKey(token)}`, max: limits.graphqlPointsPerToken });
          verdict = await limiter.spend("graphql", budgets, requested);
          if (!verdict.allowed) {
            const retryAfter = verdict.resetInSeconds;
            throw new GraphQLError(
              `rate limit of ${verdict.limit} points per ${limits.windowSeconds} s exceeded (this query costs ${requested}); retry in ${retryAfter} s`,
              {
                extensions: {
                  code: ErrorCode.RATE_LIMITED,
                  cost: requested,
                  limit: verdict.limit,
                  retryAfter,
                  http: { status: 429 },
                },
              },
            );
          }
        },
        async willSendResponse({ response }) {
          if (!verdict) return;
          for (const [name, value] of Object.entries(rateLimitHeaders(verdict))) response.http.headers.set(name, value);
        },
      };
    },
  };
}
