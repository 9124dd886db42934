import type { ComponentType } from "react";
import { type Client, Provider } from "urql";
import { Layout } from "../components/Layout";
import type { PageContext } from "./page";

/** The whole page, the same on the server and in the browser (hydration needs both to agree). */
export function App({
  client,
  Page,
  context,
}: {
  client: Client;
  Page: ComponentType<PageContext>;
  context: PageContext;
}) {
  return (
    <Provider value={client}>
      <Layout search={context.search}>
        <Page {...context} />
      </Layout>
    </Provider>
  );
}
