import { useQuery } from "urql";
import { load, type PageContext, type PageModule } from "../../app/page";
import { ReleaseWhyItFailsDocument, WhyItFails } from "./WhyItFails";

const variablesOf = ({ params }: PageContext) => ({ dist: params.dist ?? "", version: params.version ?? "" });

/** Why a release fails, on a page of its own: what the distribution page loads once it is live. */
export const prepare: PageModule["prepare"] = async (client, context) => {
  const { dist, version } = variablesOf(context);
  const { release } = await load(client, ReleaseWhyItFailsDocument, { dist, version });
  if (!release) return { notFound: dist };
  return {
    head: {
      title: `Why ${dist} ${version} fails · CPAN Testers`,
      description: `Why CPAN Testers reports of ${dist} ${version} fail: failures by signature, what separates fails from passes, flaky machines, regressions.`,
    },
    maxAge: 5,
    invalidatedBy: { dist },
  };
};

export function Page(context: PageContext) {
  const variables = variablesOf(context);
  const [{ data }] = useQuery({ query: ReleaseWhyItFailsDocument, variables });
  const release = data?.release;
  if (!release) return <p>Loading…</p>;
  const { dist, version } = variables;
  return (
    <article className="dist">
      <h1>
        Why {dist} <span className="version">{version}</span> fails
      </h1>
      <p className="lede">
        <a href={`/dist/${encodeURIComponent(dist)}/${encodeURIComponent(version)}`}>
          {dist} {version}: its matrix and reports
        </a>
      </p>
      <WhyItFails release={release} />
    </article>
  );
}
