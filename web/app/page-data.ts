import type { SSRData } from "@urql/core";
import type { RouteKey } from "./routes";

/** What the server hands the browser to hydrate the page it rendered (in #page-data). */
export interface PageData {
  route: RouteKey;
  params: Record<string, string>;
  search: string;
  now: string;
  /** The results of the operations the server ran, for urql's ssrExchange. */
  results: SSRData;
}

export const PAGE_DATA_ID = "page-data";

/** JSON safe inside <script>: no `</script>` or `<!--` can close or confuse it. */
export function serialisePageData(data: PageData): string {
  return JSON.stringify(data)
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}
