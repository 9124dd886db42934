import { useEffect, useId, useState } from "react";
import { useQuery } from "urql";
import { load, type PageContext, type PageModule } from "../../app/page";
import { Excerpt } from "../../components/Excerpt";
import { Time } from "../../components/format";
import { Grade, GRADES } from "../../components/Grade";
import { graphql } from "../../generated/gql";
import { parseSearch, type SearchQuery, searchToString, searchVariables, textProblem } from "./query";

const SearchPageDocument = graphql(`
  query SearchPage(
    $text: String!
    $first: Int!
    $after: String
    $dist: String
    $grade: Grade
    $perl: String
    $osname: String
  ) {
    searchReports(text: $text, first: $first, after: $after, dist: $dist, grade: $grade, perl: $perl, osname: $osname) {
      edges {
        cursor
        node {
          rank
          report {
            reportId
            guid
            grade
            dist
            version
            perl
            osname
            platform
            submittedAt
          }
          excerpts {
            text
            matches {
              start
              length
            }
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const prepare: PageModule["prepare"] = async (client, context) => {
  const query = parseSearch(context.search);
  const asked = query.q && !textProblem(query.q);
  if (asked) await load(client, SearchPageDocument, searchVariables(query, null));
  const within = query.dist ? ` in ${query.dist}` : "";
  return {
    head: {
      title: asked ? `“${query.q}”${within} · Search · CPAN Testers` : "Search reports · CPAN Testers",
      description: asked
        ? `CPAN Testers reports${within} whose output contains “${query.q}”, best matches first.`
        : "Search the output of failing CPAN Testers reports, by distribution, grade, perl and OS.",
    },
    maxAge: 5,
  };
};

export function Page(context: PageContext) {
  const [query, setQuery] = useState<SearchQuery>(() => parseSearch(context.search));
  // The cursors of the pages shown: "more" appends the last page's end cursor.
  const [pages, setPages] = useState<(string | null)[]>([null]);
  useEffect(() => {
    const back = () => {
      setQuery(parseSearch(location.search));
      setPages([null]);
    };
    addEventListener("popstate", back);
    return () => removeEventListener("popstate", back);
  }, []);
  const submit = (next: SearchQuery) => {
    setQuery(next);
    setPages([null]);
    history.pushState(null, "", `/search${searchToString(next)}`);
  };
  const problem = textProblem(query.q);
  return (
    <article className="search-page">
      <h1>Search reports</h1>
      <p className="lede muted">
        The output of every report that did not pass, best matches first. Case is ignored; the text is matched as typed.
      </p>
      <SearchForm key={searchToString(query)} query={query} onSubmit={submit} />
      {query.q === "" ? null : problem ? (
        <p role="alert">{problem}</p>
      ) : (
        <section aria-labelledby="results-heading">
          <h2 id="results-heading">
            Reports containing “{query.q}”{query.dist && ` in ${query.dist}`}
          </h2>
          <ol className="search-results">
            {pages.map((after, index) => (
              <ResultPage
                key={after ?? ""}
                query={query}
                after={after}
                first={index === 0}
                onMore={index === pages.length - 1 ? (cursor) => setPages([...pages, cursor]) : undefined}
              />
            ))}
          </ol>
        </section>
      )}
    </article>
  );
}

/** The text and the filters, in the URL's query: without JavaScript the form opens /search itself. */
function SearchForm({ query, onSubmit }: { query: SearchQuery; onSubmit: (query: SearchQuery) => void }) {
  const id = useId();
  return (
    <form
      className="filters search-form"
      action="/search"
      method="get"
      role="search"
      onSubmit={(event) => {
        event.preventDefault();
        const data = new FormData(event.currentTarget);
        onSubmit(parseSearch(new URLSearchParams(data as unknown as Record<string, string>).toString()));
      }}
    >
      <label htmlFor={`${id}-q`} className="search-text">
        Text in the output
        <input
          id={`${id}-q`}
          name="q"
          type="search"
          defaultValue={query.q}
          placeholder="e.g. Can't locate Foo/Bar.pm"
        />
      </label>
      <label>
        Distribution
        <input name="dist" defaultValue={query.dist ?? ""} placeholder="any" />
      </label>
      <label>
        Grade
        <select name="grade" defaultValue={query.grade ?? ""}>
          <option value="">any</option>
          {(["FAIL", "NA", "UNKNOWN"] as const).map((grade) => (
            <option key={grade} value={grade}>
              {GRADES[grade].label}
            </option>
          ))}
        </select>
      </label>
      <label>
        Perl
        <input name="perl" defaultValue={query.perl ?? ""} placeholder="5.40 or 5.41.7" size={10} />
      </label>
      <label>
        OS
        <input name="osname" defaultValue={query.osname ?? ""} placeholder="linux" size={10} />
      </label>
      <button type="submit">Search</button>
    </form>
  );
}

/** One page of hits; the last page shown offers the next. */
function ResultPage({
  query,
  after,
  first,
  onMore,
}: {
  query: SearchQuery;
  after: string | null;
  first: boolean;
  onMore?: (cursor: string) => void;
}) {
  const [result] = useQuery({ query: SearchPageDocument, variables: searchVariables(query, after) });
  const connection = result.data?.searchReports;
  if (result.error) return <li role="alert">The search failed: {result.error.message}</li>;
  if (!connection) return <li aria-busy="true">Searching…</li>;
  if (first && connection.edges.length === 0) return <li className="muted">No report contains this text.</li>;
  return (
    <>
      {connection.edges.map(({ cursor, node: { report, excerpts } }) => (
        <li key={cursor} className="card search-hit" data-report-id={report.reportId}>
          <p className="hit-head">
            <a href={`/report/${report.guid}`} aria-label={`Report ${report.reportId}: ${GRADES[report.grade].label}`}>
              <Grade grade={report.grade} />
            </a>{" "}
            <a href={`/dist/${report.dist}/${report.version}`}>
              {report.dist} {report.version}
            </a>{" "}
            <span className="muted">
              perl {report.perl} · {report.osname} · <Time iso={report.submittedAt} />
            </span>
          </p>
          {excerpts.map((excerpt, index) => (
            <Excerpt key={index} text={excerpt.text} matches={excerpt.matches} />
          ))}
        </li>
      ))}
      {onMore && connection.pageInfo.hasNextPage && connection.pageInfo.endCursor && (
        <li className="pager">
          <button type="button" onClick={() => onMore(connection.pageInfo.endCursor ?? "")}>
            More results
          </button>
        </li>
      )}
    </>
  );
}
