import { useQuery } from "urql";
import { load, type PageContext, type PageModule } from "../../app/page";
import { Num, Time } from "../../components/format";
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

const SIGNATURE_ID = /^[0-9a-f]{16}$/;

export const prepare: PageModule["prepare"] = async (client, { params }) => {
  const id = params.id ?? "";
  if (!SIGNATURE_ID.test(id)) return { notFound: id };
  const { failureSignature } = await load(client, FailurePageDocument, { id });
  if (!failureSignature) return { notFound: id };
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
    </article>
  );
}
