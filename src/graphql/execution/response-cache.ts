import type { ApolloServerPlugin, BaseContext, GraphQLRequest } from "@apollo/server";
import responseCachePlugin from "@apollo/server-plugin-response-cache";
import type { Logger } from "../../log.js";

/** Refreshes running at once; hot entries beyond that expire and are fetched on demand. */
const MAX_REFRESHES = 4;

/** Marks the context of a refresh. */
const REFRESH = Symbol("response cache refresh");

/** Whether an entry served at `age` seconds is in the last fifth (at least the last second) of its life. */
export const dueForRefresh = (age: number, maxAge: number): boolean => maxAge - age <= Math.max(1, maxAge / 5);

/** Runs an operation again outside any HTTP request, in the context that `mark` returns. */
export type RefreshOperation<Context> = (
  request: GraphQLRequest,
  mark: (context: Context) => Context,
) => Promise<unknown>;

/**
 * Apollo's response cache, refreshed ahead. A hit served in the last fifth of its entry's max-age
 * runs the operation again in the background and replaces the entry, so a read that stays
 * popular never finds its entry expired and never waits for the database, while what is served
 * is still never older than its hint. Counts change with every report, so their hint is short
 * (5 s) and, without this, every popular matrix would be computed on somebody's request every 5 s.
 */
export function refreshingResponseCache<Context extends BaseContext>(
  refresh: RefreshOperation<Context>,
  log: Logger,
): ApolloServerPlugin<Context>[] {
  const running = new Set<string>();
  // A property, not a WeakSet: executeOperation runs on a shallow copy of the context it is given.
  const mark = (context: Context): Context => Object.assign(context, { [REFRESH]: true });
  return [
    // A refresh must execute, not read the entry it is replacing.
    responseCachePlugin<Context>({
      shouldReadFromCache: async ({ contextValue }) => !(REFRESH in contextValue),
    }),
    {
      async requestDidStart() {
        return {
          // Runs after the response cache's own hook, which has set the hit's age header.
          async willSendResponse({ metrics, response, overallCachePolicy, source, operationName, request }) {
            if (!metrics.responseCacheHit || source === undefined) return;
            const age = Number(response.http.headers.get("age"));
            if (!dueForRefresh(age, overallCachePolicy.maxAge ?? 0)) return;
            const key = JSON.stringify([source, operationName, request.variables]);
            if (running.has(key) || running.size >= MAX_REFRESHES) return;
            running.add(key);
            refresh({ query: source, operationName: operationName ?? undefined, variables: request.variables }, mark)
              .catch((error: unknown) => log.warn({ err: error }, "refreshing a cached response failed"))
              .finally(() => running.delete(key));
          },
        };
      },
    },
  ];
}
