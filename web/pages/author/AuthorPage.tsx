import { useState } from "react";
import { useQuery } from "urql";
import { load, type PageContext, type PageModule } from "../../app/page";
import { CountsBar } from "../../components/CountsBar";
import { Time } from "../../components/format";
import { useLive } from "../../components/live";
import { graphql } from "../../generated/gql";
import type { AuthorDistributionOrder } from "../../generated/graphql";

const AuthorPageDocument = graphql(`
  query AuthorPage($pauseId: String!, $orderBy: AuthorDistributionOrder!, $onlyWithFailures: Boolean!, $after: String) {
    author(pauseId: $pauseId) {
      pauseId
      distributions(first: 100, after: $after, orderBy: $orderBy, onlyWithFailures: $onlyWithFailures) {
        nodes {
          name
          latestRelease {
            version
            updatedAt
            allPerls {
              ...GradeCountsFields
            }
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
`);

const AuthorLiveDocument = graphql(`
  subscription AuthorLive($author: String!) {
    reportProcessed(filter: { author: $author }) {
      reportId
      dist
      grade
    }
  }
`);

const ORDERS: { value: AuthorDistributionOrder; label: string }[] = [
  { value: "NAME", label: "name" },
  { value: "LAST_REPORT", label: "last report" },
  { value: "FAILURES", label: "failures" },
];

interface View {
  orderBy: AuthorDistributionOrder;
  failing: boolean;
  after?: string;
}

/** The dashboard's order, filter and page, as the URL's query holds them (`?sort=failures&failing=1`). */
export function parseView(search: string): View {
  const query = new URLSearchParams(search);
  const sort = query.get("sort");
  const orderBy = ORDERS.find((order) => order.label.replace(" ", "-") === sort)?.value ?? "NAME";
  const after = query.get("after") ?? undefined;
  return { orderBy, failing: query.get("failing") === "1", ...(after ? { after } : {}) };
}

function viewToSearch(view: View): string {
  const query = new URLSearchParams();
  const label = ORDERS.find((order) => order.value === view.orderBy)?.label;
  if (view.orderBy !== "NAME" && label) query.set("sort", label.replace(" ", "-"));
  if (view.failing) query.set("failing", "1");
  if (view.after) query.set("after", view.after);
  const text = query.toString();
  return text ? `?${text}` : "";
}

const variablesOf = (pauseId: string, view: View) => ({
  pauseId,
  orderBy: view.orderBy,
  onlyWithFailures: view.failing,
  after: view.after ?? null,
});

const pauseIdOf = (context: PageContext) => (context.params.author ?? "").toUpperCase();

export const prepare: PageModule["prepare"] = async (client, context) => {
  const pauseId = pauseIdOf(context);
  const { author } = await load(client, AuthorPageDocument, variablesOf(pauseId, parseView(context.search)));
  if (!author) return { notFound: context.params.author ?? "" };
  return {
    head: {
      title: `${pauseId} · CPAN Testers`,
      description: `CPAN Testers results of every distribution by ${pauseId}: the latest release's reports, newest failures first on request.`,
      feed: { title: `Failures of ${pauseId}`, href: `/author/${pauseId}/feed.atom` },
    },
    maxAge: 5,
    invalidatedBy: { author: pauseId },
  };
};

export function Page(context: PageContext) {
  const pauseId = pauseIdOf(context);
  const [view, setView] = useState<View>(() => parseView(context.search));
  const [arrived, setArrived] = useState(0);
  const [result, refetch] = useQuery({ query: AuthorPageDocument, variables: variablesOf(pauseId, view) });
  useLive(AuthorLiveDocument, { author: pauseId }, (events) => {
    refetch({ requestPolicy: "network-only" });
    setArrived((count) => count + events.length);
  });
  const update = (change: Partial<View>) => {
    const next: View = { ...view, ...change };
    if (!("after" in change)) delete next.after;
    setView(next);
    history.replaceState(null, "", `${location.pathname}${viewToSearch(next)}`);
  };
  const distributions = result.data?.author?.distributions;
  return (
    <article className="author">
      <header className="dist-header">
        <div>
          <h1>{pauseId}</h1>
          <p className="lede">
            <a href={`https://metacpan.org/author/${pauseId}`}>MetaCPAN</a> ·{" "}
            <a href={`/author/${pauseId}/feed.atom`} type="application/atom+xml">
              Atom feed of new failures
            </a>
          </p>
        </div>
      </header>
      <div className="toolbar">
        <form className="filters" aria-label="Order and filter the distributions" onSubmit={(e) => e.preventDefault()}>
          <label>
            Sort by
            <select
              name="sort"
              value={view.orderBy}
              onChange={(e) => update({ orderBy: e.target.value as AuthorDistributionOrder })}
            >
              {ORDERS.map((order) => (
                <option key={order.value} value={order.value}>
                  {order.label}
                </option>
              ))}
            </select>
          </label>
          <label>
            <input
              type="checkbox"
              name="failing"
              checked={view.failing}
              onChange={(e) => update({ failing: e.target.checked })}
            />{" "}
            Only with failures
          </label>
        </form>
        <p className="live-note" role="status">
          <span className="live-dot" aria-hidden="true" /> Live
          {arrived > 0 && `: ${arrived} new report${arrived === 1 ? "" : "s"} since you opened the page`}
        </p>
      </div>
      {!distributions ? (
        <p>Loading…</p>
      ) : distributions.nodes.length === 0 ? (
        <p className="muted">No distributions{view.failing ? " with failures" : ""}.</p>
      ) : (
        <div className="table-wrap">
          <table className="author-dists" aria-label={`Distributions of ${pauseId}`} aria-busy={result.fetching}>
            <thead>
              <tr>
                <th scope="col">Distribution</th>
                <th scope="col">Latest release</th>
                <th scope="col">Reports</th>
                <th scope="col">Last report</th>
              </tr>
            </thead>
            <tbody>
              {distributions.nodes.map((dist) => (
                <tr key={dist.name} data-dist={dist.name}>
                  <th scope="row">
                    <a href={`/dist/${dist.name}`}>{dist.name}</a>
                  </th>
                  <td>{dist.latestRelease?.version ?? "–"}</td>
                  <td>{dist.latestRelease ? <CountsBar counts={dist.latestRelease.allPerls} /> : "–"}</td>
                  <td>{dist.latestRelease?.updatedAt ? <Time iso={dist.latestRelease.updatedAt} /> : "none yet"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav className="pager" aria-label="Pages of distributions">
        {view.after && (
          <button type="button" className="secondary" onClick={() => update({ after: undefined })}>
            ← First page
          </button>
        )}
        {distributions?.pageInfo.hasNextPage && distributions.pageInfo.endCursor && (
          <button type="button" onClick={() => update({ after: distributions.pageInfo.endCursor ?? undefined })}>
            More distributions →
          </button>
        )}
      </nav>
    </article>
  );
}
