import { type GraphQLFieldResolver, type GraphQLSchema, isObjectType } from "graphql";
import { LimitCode, limitExceeded } from "./limit-errors.js";

/** Marks the context of an operation that runs against a deadline. */
const DEADLINE = Symbol("execution deadline");

interface Deadline {
  startedAt: number;
  at: number;
  limitMs: number;
}

type WithDeadline = { [DEADLINE]?: Deadline };

/** Gives the operation of this context `limitMs` from now to finish its resolvers. */
export function startDeadline(context: unknown, limitMs: number): void {
  const startedAt = Date.now();
  Object.assign(context as object, { [DEADLINE]: { startedAt, at: startedAt + limitMs, limitMs } });
}

/*
 * The statement timeout stops SQL, not the resolvers around it: a request of many cheap pages or a
 * slow loop would run on. Every field with a resolver of its own first looks at the clock, so past
 * the deadline nothing new starts and the fields left answer QUERY_TIMEOUT. Fields read from their
 * parent (type-graphql's simple resolvers) have no resolver and cost nothing here; an operation
 * without a deadline (subscriptions over graphql-ws) is not affected.
 */
export function enforceDeadlines(schema: GraphQLSchema): void {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith("__")) continue;
    for (const field of Object.values(type.getFields())) {
      const resolve = field.resolve;
      if (!resolve) continue;
      const guarded: GraphQLFieldResolver<unknown, unknown> = (source, args, context, info) => {
        const deadline = (context as WithDeadline | undefined)?.[DEADLINE];
        if (deadline) {
          const now = Date.now();
          if (now > deadline.at) {
            throw limitExceeded(
              LimitCode.QUERY_TIMEOUT,
              "execution time (ms)",
              deadline.limitMs,
              now - deadline.startedAt,
            );
          }
        }
        return resolve(source, args, context, info);
      };
      field.resolve = guarded;
    }
  }
}
