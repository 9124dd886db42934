import { cacheExchange, Client, fetchExchange, type SSRData, ssrExchange, subscriptionExchange } from "urql";
import { createClient as createWsClient } from "graphql-ws";

/**
 * The browser's client: results the server rendered with first (ssrExchange), then HTTP for
 * queries and graphql-ws on the same /graphql for subscriptions, like any other client of the API.
 */
export function browserClient(initialState: SSRData): Client {
  const ssr = ssrExchange({ isClient: true, initialState });
  const scheme = location.protocol === "https:" ? "wss:" : "ws:";
  const ws = createWsClient({ url: `${scheme}//${location.host}/graphql`, lazy: true, retryAttempts: 20 });
  return new Client({
    url: "/graphql",
    // POST, as every other client does: a GET would need a preflight header for Apollo's CSRF check.
    preferGetMethod: false,
    exchanges: [
      cacheExchange,
      ssr,
      fetchExchange,
      subscriptionExchange({
        forwardSubscription: (request) => ({
          subscribe: (sink) => ({ unsubscribe: ws.subscribe({ ...request, query: request.query ?? "" }, sink) }),
        }),
      }),
    ],
  });
}
