import { type GraphQLFieldResolver, type GraphQLSchema, isObjectType } from "graphql";
import { LimitCode, limitExceeded } from "./limit-errors.js";

/** Marks the context of an operation that runs within a budget. */
const BUDGET = Symbol("execution budget");

interface Budget {
  startedAt: number;
  deadline: number;
  timeoutMs: number;
  responseBytes: number;
  charged: number;
}

type WithBudget = { [BUDGET]?: Budget };

/** Gives the operation of this context `timeoutMs` from now, and `responseBytes` of heavy data. */
export function startBudget(context: unknown, limits: { timeoutMs: number; responseBytes: number }): void {
  const startedAt = Date.now();
  const budget: Budget = { startedAt, deadline: startedAt + limits.timeoutMs, charged: 0, ...limits };
  Object.assign(context as object, { [BUDGET]: budget });
}

/**
 * Counts heavy data a resolver has loaded for the response (a report's stored document): past the
 * response limit the operation stops here, before the response is built, instead of after.
 */
export function chargeResponse(context: unknown, bytes: number): void {
  const budget = (context as WithBudget | undefined)?.[BUDGET];
  if (!budget) return;
  budget.charged += bytes;
  if (budget.charged > budget.responseBytes) {
    throw limitExceeded(LimitCode.RESPONSE_TOO_LARGE, "response in bytes", budget.responseBytes, budget.charged);
  }
}

/*
 * The statement timeout stops SQL, not the resolvers around it: a request of many cheap pages or a
 * slow loop would run on. Every field with a resolver of its own first looks at the clock, so past
 * the deadline nothing new starts and the fields left answer QUERY_TIMEOUT. Fields read from their
 * parent (type-graphql's simple resolvers) have no resolver and cost nothing here; an operation
 * without a budget (subscriptions over graphql-ws) is not affected.
 */
export function enforceDeadlines(schema: GraphQLSchema): void {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith("__")) continue;
    for (const field of Object.values(type.getFields())) {
      const resolve = field.resolve;
      if (!resolve) continue;
      const guarded: GraphQLFieldResolver<unknown, unknown> = (source, args, context, info) => {
        const budget = (context as WithBudget | undefined)?.[BUDGET];
        if (budget) {
          const now = Date.now();
          if (now > budget.deadline) {
            throw limitExceeded(
              LimitCode.QUERY_TIMEOUT,
              "execution time (ms)",
              budget.timeoutMs,
              now - budget.startedAt,
            );
          }
        }
        return resolve(source, args, context, info);
      };
      field.resolve = guarded;
    }
  }
}
