import { useState } from "react";
import { useQuery } from "urql";
import { load, type PageContext, type PageModule } from "../../app/page";
import { Num, Time } from "../../components/format";
import { Grade, GRADES } from "../../components/Grade";
import { graphql } from "../../generated/gql";
import { MAX_TEXT, MIN_TEXT } from "../search/query";

const FailurePageDocument = graphql(`
  query FailurePage($id: ID!) {
    failureSignature(id: $id) {
      signature {
        id
        kind
        title
      }
      reports
      distributions
      firstSeenAt
    }
  }
`);

const FailureReportsDocument = graphql(`
  query FailureReports($id: ID!, $first: Int!, $after: String) {
    failureSignature(id: $id) {
      signature {
        reports(first: $first, after: $after) {
          nodes {
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
          pageInfo {
            hasNextPage
            endCursor
          }
        }
      }
    }
  }
`);

const SIGNATURE_ID = /^[0-9a-f]{16}$/;
/** Reports a page of the list shows. */
const PAGE = 25;

export const prepare: PageModule["prepare"] = async (client, { params }) => {
  const id = params.id ?? "";
  if (!SIGNATURE_ID.test(id)) return { notFound: id };
  const { failureSignature } = await load(client, FailurePageDocument, { id });
  if (!failureSignature) return { notFound: id };
  await load(client, FailureReportsDocument, { id, first: PAGE, after: null });
  const { signature, reports, distributions } = failureSignature;
  return {
    head: {
      title: `${signature.title} · Failures · CPAN Testers`,
      description: `${reports} CPAN Testers reports of ${distributions} distributions fail this way: ${signature.title}`,
    },
    maxAge: 60,
  };
};

export function Page({ params }: PageContext) {
  const [{ data }] = useQuery({ query: FailurePageDocument, variables: { id: params.id ?? "" } });
  const [pages, setPages] = useState<(string | null)[]>([null]);
  const summary = data?.failureSignature;
  if (!summary) return <p>Loading…</p>;
  const { signature } = summary;
  const text = signature.title.slice(0, MAX_TEXT);
  return (
    <article className="failure">
      <h1>
        <code>{signature.title}</code>
      </h1>
      <p className="lede muted">A way reports fail ({signature.kind}), the same on every machine.</p>
      <dl className="facts">
        <dt>Reports</dt>
        <dd>
          <Num value={summary.reports} />
        </dd>
        <dt>Distributions</dt>
        <dd>
          <Num value={summary.distributions} />
        </dd>
        {summary.firstSeenAt && (
          <>
            <dt>First seen</dt>
            <dd>
              <Time iso={summary.firstSeenAt} />
            </dd>
          </>
        )}
        <dt>Signature</dt>
        <dd>
          <code>{signature.id}</code>
        </dd>
      </dl>
      {text.length >= MIN_TEXT && (
        <p>
          <a href={`/search?q=${encodeURIComponent(text)}`}>The reports whose output contains this text</a>
        </p>
      )}
      <section className="failure-reports" aria-labelledby="failure-reports-heading">
        <h2 id="failure-reports-heading">Reports failing this way</h2>
        <ul className="report-lines">
          {pages.map((after, index) => (
            <ReportPage
              key={after ?? ""}
              id={signature.id}
              after={after}
              onMore={index === pages.length - 1 ? (cursor) => setPages([...pages, cursor]) : undefined}
            />
          ))}
        </ul>
      </section>
    </article>
  );
}

/** One page of the reports, newest first; the last page shown offers the next. */
function ReportPage({ id, after, onMore }: { id: string; after: string | null; onMore?: (cursor: string) => void }) {
  const [result] = useQuery({ query: FailureReportsDocument, variables: { id, first: PAGE, after } });
  const connection = result.data?.failureSignature?.signature.reports;
  if (result.error) return <li role="alert">The reports could not be loaded: {result.error.message}</li>;
  if (!connection) return <li aria-busy="true">Loading…</li>;
  const { hasNextPage, endCursor } = connection.pageInfo;
  return (
    <>
      {connection.nodes.map((report) => (
        <li key={report.reportId} data-report-id={report.reportId}>
          <a href={`/report/${report.guid}`} aria-label={`Report ${report.reportId}: ${GRADES[report.grade].label}`}>
            <Grade grade={report.grade} />
          </a>{" "}
          <a href={`/dist/${report.dist}/${report.version}`}>
            {report.dist} {report.version}
          </a>{" "}
          <span className="muted">
            perl {report.perl} · {report.osname} <code>{report.platform}</code> · <Time iso={report.submittedAt} />
          </span>
        </li>
      ))}
      {onMore && hasNextPage && endCursor && (
        <li className="pager">
          <button type="button" onClick={() => onMore(endCursor)}>
            More reports
          </button>
        </li>
      )}
    </>
  );
}
