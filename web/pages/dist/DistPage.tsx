import { useState } from "react";
import { useQuery } from "urql";
import { load, type PageContext, type PageModule } from "../../app/page";
import { CountsBar } from "../../components/CountsBar";
import { useLive } from "../../components/live";
import { graphql } from "../../generated/gql";
import { DistMatrix } from "./DistMatrix";
import { type Filters, filtersToSearch, parseFilters, reportsVariables } from "./filters";
import { ReleaseMatrix } from "./ReleaseMatrix";
import { ReportList } from "./ReportList";
import { VersionList } from "./VersionList";
import { WhyItFailsLater } from "./WhyItFails";
import { ReportSearchForm } from "../../components/ReportSearchForm";

const DistPageDocument = graphql(`
  query DistPage($dist: String!) {
    distribution(name: $dist) {
      name
      author {
        pauseId
      }
      latestRelease {
        version
      }
      ...VersionListFields
      ...DistMatrixFields
    }
  }
`);

const DistReleaseDocument = graphql(`
  query DistRelease($dist: String!, $version: String!) {
    release(dist: $dist, version: $version) {
      version
      updatedAt
      author {
        pauseId
      }
      upload {
        releasedAt
        maturity
      }
      allPerls {
        ...GradeCountsFields
      }
      stablePerls {
        ...GradeCountsFields
      }
      ...ReleaseMatrixFields
    }
  }
`);

export const DistReportsDocument = graphql(`
  query DistReports(
    $dist: String!
    $version: String!
    $first: Int!
    $after: String
    $grade: Grade
    $perl: String
    $perlSeries: String
    $osname: String
    $perlMaturity: Maturity
  ) {
    release(dist: $dist, version: $version) {
      reports(
        first: $first
        after: $after
        grade: $grade
        perl: $perl
        perlSeries: $perlSeries
        osname: $osname
        perlMaturity: $perlMaturity
      ) {
        ...ReportListFields
      }
    }
  }
`);

const DistLiveDocument = graphql(`
  subscription DistLive($dist: String!) {
    reportProcessed(filter: { dist: $dist }) {
      reportId
      version
      grade
    }
  }
`);

export const prepare: PageModule["prepare"] = async (client, { params, search }) => {
  const dist = params.dist ?? "";
  const filters = parseFilters(search);
  // With the version in the address, all three operations run at once; without, the distribution
  // names its latest version first.
  const asked = params.version;
  const [{ distribution }, early] = await Promise.all([
    load(client, DistPageDocument, { dist }),
    asked ? loadRelease(client, dist, asked, filters) : undefined,
  ]);
  if (!distribution) return { notFound: dist };
  const version = asked ?? distribution.latestRelease?.version;
  let summary = "no reports yet";
  if (version) {
    const release = early ?? (await loadRelease(client, dist, version, filters));
    if (!release) return { notFound: dist };
    const { pass, fail, total } = release.allPerls;
    summary = `${total} reports: ${pass} pass, ${fail} fail`;
  }
  const name = `${distribution.name}${version ? ` ${version}` : ""}`;
  return {
    head: {
      title: `${name} · CPAN Testers`,
      description: `CPAN Testers results of ${name}${distribution.author ? ` by ${distribution.author.pauseId}` : ""}: ${summary}, by perl and OS, with every report.`,
    },
    maxAge: 5,
    invalidatedBy: { dist: distribution.name },
  };
};

async function loadRelease(client: Parameters<PageModule["prepare"]>[0], dist: string, version: string, filters: Filters) {
  const [{ release }] = await Promise.all([
    load(client, DistReleaseDocument, { dist, version }),
    load(client, DistReportsDocument, reportsVariables(dist, version, filters)),
  ]);
  return release;
}

export function Page(context: PageContext) {
  const dist = context.params.dist ?? "";
  const [filters, setFilters] = useState<Filters>(() => parseFilters(context.search));
  const [arrived, setArrived] = useState(0);
  const [distResult, refetchDist] = useQuery({ query: DistPageDocument, variables: { dist } });
  const distribution = distResult.data?.distribution;
  const version = context.params.version ?? distribution?.latestRelease?.version ?? "";
  const [releaseResult, refetchRelease] = useQuery({
    query: DistReleaseDocument,
    variables: { dist, version },
    pause: !version,
  });
  const [reportsResult, refetchReports] = useQuery({
    query: DistReportsDocument,
    variables: reportsVariables(dist, version, filters),
    pause: !version,
  });

  useLive(DistLiveDocument, { dist }, (events) => {
    const fresh = { requestPolicy: "network-only" } as const;
    refetchDist(fresh);
    if (events.some((event) => event.reportProcessed.version === version)) {
      refetchRelease(fresh);
      refetchReports(fresh);
    }
    setArrived((count) => count + events.length);
  });

  const update = (change: Partial<Filters>) => {
    const next = { ...filters, ...change };
    // Any change but the page's cursor starts the list from its first page.
    if (!("after" in change)) delete next.after;
    for (const key of Object.keys(next) as (keyof Filters)[]) if (next[key] === undefined) delete next[key];
    setFilters(next);
    history.replaceState(null, "", `${location.pathname}${filtersToSearch(next)}`);
  };

  if (!distribution) return <p>Loading…</p>;
  const release = releaseResult.data?.release;
  const author = distribution.author?.pauseId ?? release?.author?.pauseId;
  const counts = release ? (filters.stable ? release.stablePerls : release.allPerls) : undefined;
  return (
    <article className="dist">
      <header className="dist-header">
        <div>
          <h1>
            {distribution.name} {version && <span className="version">{version}</span>}
          </h1>
          <p className="lede">
            {author ? (
              <>
                by <a href={`/author/${author}`}>{author}</a> ·{" "}
              </>
            ) : null}
            <a
              href={
                author && version
                  ? `https://metacpan.org/release/${author}/${distribution.name}-${version}`
                  : `https://metacpan.org/dist/${distribution.name}`
              }
            >
              MetaCPAN
            </a>
          </p>
        </div>
        {counts && (
          <div className="card summary" aria-live="polite">
            <span className="muted">
              {filters.stable ? "Stable perls" : "All perls"}, {counts.total} reports
            </span>
            <CountsBar counts={counts} />
          </div>
        )}
      </header>
      <div className="toolbar">
        <fieldset className="switch">
          <legend className="visually-hidden">Perls counted</legend>
          <label>
            <input type="radio" name="perls" checked={!filters.stable} onChange={() => update({ stable: undefined })} />{" "}
            All perls
          </label>
          <label>
            <input type="radio" name="perls" checked={!!filters.stable} onChange={() => update({ stable: true })} /> Stable
            perls
          </label>
        </fieldset>
        <p className="live-note" role="status">
          <span className="live-dot" aria-hidden="true" /> Live
          {arrived > 0 && `: ${arrived} new report${arrived === 1 ? "" : "s"} since you opened the page`}
        </p>
      </div>
      {release && (
        <section>
          <h2>
            {distribution.name} {version} by perl and OS
          </h2>
          <ReleaseMatrix
            matrix={release.matrix}
            stableOnly={!!filters.stable}
            selected={{ series: filters.series, os: filters.os }}
            onSelect={(series, os) =>
              filters.series === series && filters.os === os
                ? update({ series: undefined, os: undefined })
                : update({ series, os, perl: undefined })
            }
          />
        </section>
      )}
      {release && <WhyItFailsLater dist={distribution.name} version={version} fails={release.allPerls.fail} />}
      {version && (
        <ReportList
          connection={reportsResult.data?.release?.reports}
          fetching={reportsResult.fetching}
          filters={filters}
          onChange={update}
          perlSeries={release?.matrix.perlSeries ?? []}
          osnames={release?.matrix.osnames ?? []}
        />
      )}
      <ReportSearchForm dist={distribution.name} />
      <div className="grid two">
        <section>
          <h2>Versions</h2>
          <VersionList distribution={distribution} current={version} stableOnly={!!filters.stable} />
        </section>
        <section>
          <h2>Versions by perl</h2>
          <DistMatrix distribution={distribution} stableOnly={!!filters.stable} />
        </section>
      </div>
    </article>
  );
}
