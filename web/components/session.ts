import { useQuery } from "urql";
import { graphql } from "../generated/gql";
import { useHydrated } from "./format";

export const ViewerDocument = graphql(`
  query Viewer {
    viewer {
      kind
      pauseId
      name
      csrfToken
    }
  }
`);

/**
 * The person signed in, asked by the browser only: pages are rendered on the server for everyone
 * alike (and cached), so whatever depends on the session cookie comes after hydration.
 */
export function useViewer() {
  const hydrated = useHydrated();
  const [{ data, fetching }] = useQuery({ query: ViewerDocument, pause: !hydrated, requestPolicy: "network-only" });
  return { viewer: data?.viewer ?? null, loading: !hydrated || fetching };
}

/** The options of a mutation made with the session cookie: the CSRF token in its header. */
export function withCsrf(csrfToken: string) {
  return { fetchOptions: { headers: { "x-csrf-token": csrfToken } } };
}
