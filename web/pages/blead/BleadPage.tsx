import { useState } from "react";
import { useQuery } from "urql";
import { load, type PageContext, type PageModule } from "../../app/page";
import { Num } from "../../components/format";
import { bySeriesDescending } from "../../components/perl";
import { graphql } from "../../generated/gql";
import type { BleadPerlsQuery } from "../../generated/graphql";

const BleadPerlsDocument = graphql(`
  query BleadPerls {
    dev: perlVersions(maturity: DEV) {
      series
    }
    stable: perlVersions(maturity: STABLE) {
      series
    }
  }
`);

const BleadBreaksDocument = graphql(`
  query BleadBreaks($perl: String!, $stable: String!) {
    bleadBreaksCpan(perl: $perl, stable: $stable) {
      dist
      version
      stablePasses
      devFails
    }
  }
`);

/** The perl series reports have named, newest first, development and stable apart. */
function seriesOf(perls: BleadPerlsQuery) {
  const unique = (rows: { series: string }[]) => [...new Set(rows.map((row) => row.series))].sort(bySeriesDescending);
  return { dev: unique(perls.dev), stable: unique(perls.stable) };
}

/** The series compared: those the URL asks for when reports named them, else the newest of each. */
function choiceOf(search: string, series: { dev: string[]; stable: string[] }) {
  const params = new URLSearchParams(search);
  const pick = (asked: string | null, known: string[]) => (asked && known.includes(asked) ? asked : (known[0] ?? null));
  return { perl: pick(params.get("perl"), series.dev), stable: pick(params.get("stable"), series.stable) };
}

export const prepare: PageModule["prepare"] = async (client, context) => {
  const { perl, stable } = choiceOf(context.search, seriesOf(await load(client, BleadPerlsDocument, {})));
  if (perl && stable) await load(client, BleadBreaksDocument, { perl, stable });
  return {
    head: {
      title: perl ? `Blead breaks CPAN: perl ${perl} · CPAN Testers` : "Blead breaks CPAN · CPAN Testers",
      description: `Distributions whose latest release passes on perl ${stable ?? "stable"} and fails on the development perl ${perl ?? ""}.`,
    },
    maxAge: 60,
  };
};

export function Page(context: PageContext) {
  const [perlsResult] = useQuery({ query: BleadPerlsDocument, variables: {} });
  const [search, setSearch] = useState(context.search);
  if (!perlsResult.data) return <p>Loading…</p>;
  const series = seriesOf(perlsResult.data);
  const chosen = choiceOf(search, series);
  const choose = (change: Partial<typeof chosen>) => {
    const next = { ...chosen, ...change };
    const query = `?perl=${encodeURIComponent(next.perl ?? "")}&stable=${encodeURIComponent(next.stable ?? "")}`;
    setSearch(query);
    history.replaceState(null, "", `/blead${query}`);
  };
  return (
    <article className="blead">
      <h1>Blead breaks CPAN</h1>
      <p className="lede muted">
        Distributions whose latest release passes on the stable perl and fails on the development perl: every report on
        the stable series passes and every report on the development series fails.
      </p>
      <form className="filters" action="/blead" method="get">
        <label>
          Development perl
          <select name="perl" value={chosen.perl ?? ""} onChange={(e) => choose({ perl: e.target.value })}>
            {series.dev.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label>
          Stable perl
          <select name="stable" value={chosen.stable ?? ""} onChange={(e) => choose({ stable: e.target.value })}>
            {series.stable.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <noscript>
          <button type="submit">Compare</button>
        </noscript>
      </form>
      {chosen.perl && chosen.stable ? (
        <BleadBreaks perl={chosen.perl} stable={chosen.stable} />
      ) : (
        <p className="muted">No reports on a development perl and a stable one yet.</p>
      )}
    </article>
  );
}

function BleadBreaks({ perl, stable }: { perl: string; stable: string }) {
  const [result] = useQuery({ query: BleadBreaksDocument, variables: { perl, stable } });
  const breaks = result.data?.bleadBreaksCpan;
  if (result.error) return <p role="alert">The comparison failed: {result.error.message}</p>;
  if (!breaks) return <p aria-busy="true">Loading…</p>;
  return (
    <section aria-labelledby="breaks-heading" aria-busy={result.fetching}>
      <h2 id="breaks-heading">
        Pass on {stable}, fail on {perl}: {breaks.length} distribution{breaks.length === 1 ? "" : "s"}
      </h2>
      {breaks.length === 0 ? (
        <p className="muted">
          None: nothing passes on perl {stable} and fails on perl {perl}.
        </p>
      ) : (
        <div className="table-wrap">
          <table className="blead-breaks">
            <thead>
              <tr>
                <th scope="col">Distribution</th>
                <th scope="col">Passes on {stable}</th>
                <th scope="col">Fails on {perl}</th>
              </tr>
            </thead>
            <tbody>
              {breaks.map((row) => (
                <tr key={row.dist} data-dist={row.dist}>
                  <th scope="row">
                    <a href={`/dist/${row.dist}/${row.version}`}>
                      {row.dist} {row.version}
                    </a>
                  </th>
                  <td className="grade-pass">
                    <span aria-hidden="true">✓</span> <Num value={row.stablePasses} /> pass
                  </td>
                  <td className="grade-fail">
                    <span aria-hidden="true">✗</span> <Num value={row.devFails} /> fail
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
