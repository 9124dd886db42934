import { useState } from "react";
import { useQuery } from "urql";
import { load, type PageContext, type PageModule } from "../../app/page";
import { CountsBar } from "../../components/CountsBar";
import { Num } from "../../components/format";
import { ReportTable } from "../../components/ReportRow";
import { graphql } from "../../generated/gql";

const TesterPageDocument = graphql(`
  query TesterPage($id: ID!, $after: String) {
    tester(id: $id) {
      testerId
      fullName
      reportCounts {
        ...GradeCountsFields
      }
      machines(first: 100) {
        osname
        perl
        platform
        pass
        fail
        na
        unknown
        total
      }
      reports(first: 25, after: $after) {
        nodes {
          ...ReportRowFields
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
`);

const afterOf = (search: string) => new URLSearchParams(search).get("after") ?? null;

export const prepare: PageModule["prepare"] = async (client, context) => {
  const id = context.params.id ?? "";
  const { tester } = await load(client, TesterPageDocument, { id, after: afterOf(context.search) });
  if (!tester) return { notFound: id };
  return {
    head: {
      title: `${tester.fullName} · CPAN Testers`,
      description: `Test reports sent by ${tester.fullName}: ${tester.reportCounts.total} reports from ${tester.machines.length} machines.`,
    },
    maxAge: 5,
  };
};

export function Page(context: PageContext) {
  const id = context.params.id ?? "";
  const [after, setAfter] = useState<string | null>(() => afterOf(context.search));
  const [result] = useQuery({ query: TesterPageDocument, variables: { id, after } });
  const tester = result.data?.tester;
  const page = (cursor: string | null) => {
    setAfter(cursor);
    history.replaceState(null, "", `${location.pathname}${cursor ? `?after=${encodeURIComponent(cursor)}` : ""}`);
  };
  if (!tester) return <p>Loading…</p>;
  return (
    <article className="tester">
      <header className="dist-header">
        <div>
          <h1>{tester.fullName}</h1>
          <p className="lede muted">Tester</p>
        </div>
        <div className="card summary">
          <span className="muted">
            <Num value={tester.reportCounts.total} /> reports
          </span>
          <CountsBar counts={tester.reportCounts} />
        </div>
      </header>
      <section>
        <h2 id="machines-heading">Machines</h2>
        {tester.machines.length === 0 ? (
          <p className="muted">No reports counted yet.</p>
        ) : (
          <div className="table-wrap">
            <table className="tester-machines" aria-labelledby="machines-heading">
              <thead>
                <tr>
                  <th scope="col">OS</th>
                  <th scope="col">Perl</th>
                  <th scope="col">Archname</th>
                  <th scope="col">Reports</th>
                </tr>
              </thead>
              <tbody>
                {tester.machines.map((machine) => (
                  <tr key={`${machine.osname} ${machine.perl} ${machine.platform}`}>
                    <td>{machine.osname}</td>
                    <td>{machine.perl}</td>
                    <td>
                      <code>{machine.platform}</code>
                    </td>
                    <td>
                      <CountsBar counts={machine} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section className="reports" aria-busy={result.fetching}>
        <h2 id="reports-heading">Reports</h2>
        {tester.reports.nodes.length === 0 ? (
          <p className="muted">No reports yet.</p>
        ) : (
          <ReportTable reports={tester.reports.nodes} columns={{ dist: true }} label={{ id: "reports-heading" }} />
        )}
        <nav className="pager" aria-label="Pages of reports">
          {after && (
            <button type="button" className="secondary" onClick={() => page(null)}>
              ← Newest reports
            </button>
          )}
          {tester.reports.pageInfo.hasNextPage && tester.reports.pageInfo.endCursor && (
            <button type="button" onClick={() => page(tester.reports.pageInfo.endCursor ?? null)}>
              Older reports →
            </button>
          )}
        </nav>
      </section>
    </article>
  );
}
