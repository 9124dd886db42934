import { useState } from "react";
import { useQuery } from "urql";
import { load, type PageContext, type PageModule } from "../../app/page";
import { Num, Time } from "../../components/format";
import { Grade } from "../../components/Grade";
import { useLive } from "../../components/live";
import { SearchBox, SearchDocument } from "../../components/SearchBox";
import { graphql } from "../../generated/gql";
import type { Grade as GradeValue } from "../../generated/graphql";
import { DayChart } from "./DayChart";

const HomePageDocument = graphql(`
  query HomePage($from: Date!, $to: Date!) {
    statistics {
      reportsPerDay(from: $from, to: $to) {
        period
        pass
        fail
        na
        unknown
        total
      }
      submissionRate(hours: 24) {
        reports
        reportsPerMinute
      }
    }
    reports(first: 12) {
      nodes {
        reportId
        guid
        dist
        version
        grade
        perl
        osname
      }
    }
    uploads(first: 8) {
      nodes {
        dist
        version
        releasedAt
        author {
          pauseId
        }
      }
    }
  }
`);

const HomeReportsLive = graphql(`
  subscription HomeReportsLive {
    reportProcessed {
      reportId
      guid
      dist
      version
      grade
      perl
      osname
    }
  }
`);

const HomeUploadsLive = graphql(`
  subscription HomeUploadsLive {
    uploadAdded {
      dist
      version
      author
      releasedAt
    }
  }
`);

/** How many days the chart shows. */
const CHART_DAYS = 30;

/** Today, the first of this month and the chart's first day, in UTC, from the render's moment. */
function daysOf(now: string) {
  const today = now.slice(0, 10);
  const month = `${today.slice(0, 8)}01`;
  const start = new Date(`${today}T00:00:00Z`);
  start.setUTCDate(start.getUTCDate() - (CHART_DAYS - 1));
  const chartStart = start.toISOString().slice(0, 10);
  return { today, month, from: chartStart < month ? chartStart : month };
}

const searchOf = (search: string) => new URLSearchParams(search).get("q")?.trim() ?? "";

export const usesClock = true;

export const prepare: PageModule["prepare"] = async (client, { now, search }) => {
  const { from, today } = daysOf(now);
  const q = searchOf(search);
  await Promise.all([
    load(client, HomePageDocument, { from, to: today }),
    q ? load(client, SearchDocument, { prefix: q, first: 8 }) : undefined,
  ]);
  return {
    head: {
      title: q ? `“${q}” · CPAN Testers` : "CPAN Testers: test reports for every CPAN distribution",
      description:
        "CPAN Testers collects test reports of every CPAN distribution from volunteers' machines: search a distribution or an author, and watch reports arrive as they are sent.",
    },
    maxAge: q ? 60 : 5,
  };
};

interface Arrival {
  reportId: number;
  guid: string;
  dist: string;
  version: string;
  grade: GradeValue;
  perl: string;
  osname: string;
}

interface NewUpload {
  dist: string;
  version: string;
  releasedAt: string | null | undefined;
  author: string | undefined;
}

export function Page({ now, search }: PageContext) {
  const { from, today, month } = daysOf(now);
  const q = searchOf(search);
  const [{ data }] = useQuery({ query: HomePageDocument, variables: { from, to: today } });
  const [{ data: found }] = useQuery({ query: SearchDocument, variables: { prefix: q, first: 8 }, pause: !q });
  const [arrivals, setArrivals] = useState<Arrival[]>([]);
  const [uploads, setUploads] = useState<NewUpload[]>([]);
  useLive(
    HomeReportsLive,
    {},
    (events) => setArrivals((seen) => [...events.map((e) => e.reportProcessed).reverse(), ...seen].slice(0, 12)),
    0,
  );
  useLive(
    HomeUploadsLive,
    {},
    (events) =>
      setUploads((seen) =>
        [
          ...events.map(({ uploadAdded: u }) => ({
            dist: u.dist,
            version: u.version,
            releasedAt: u.releasedAt,
            author: u.author,
          })),
          ...seen,
        ].slice(0, 8),
      ),
    0,
  );
  if (!data) return <p>Loading…</p>;
  const days = data.statistics.reportsPerDay;
  const todayCount = (days.find((d) => d.period === today)?.total ?? 0) + arrivals.length;
  const monthCount = days.filter((d) => d.period >= month).reduce((sum, d) => sum + d.total, 0) + arrivals.length;
  const seen = new Set(arrivals.map((a) => a.reportId));
  const reports = [...arrivals, ...data.reports.nodes.filter((r) => !seen.has(r.reportId))].slice(0, 12);
  const allUploads = [
    ...uploads,
    ...data.uploads.nodes.map((u) => ({
      dist: u.dist,
      version: u.version,
      releasedAt: u.releasedAt,
      author: u.author?.pauseId,
    })),
  ].slice(0, 8);
  return (
    <div className="home">
      <section className="hero">
        <h1>Test reports for every CPAN distribution</h1>
        <p className="lede">
          Volunteers test each upload to CPAN on their perls and systems. Find a distribution or an author:
        </p>
        <SearchBox initial={q} />
      </section>
      {q && (
        <section aria-labelledby="results-heading">
          <h2 id="results-heading">{`Results for “${q}”`}</h2>
          {found && found.searchDistributions.length + found.searchAuthors.length > 0 ? (
            <ul className="results">
              {found.searchDistributions.map((d) => (
                <li key={d.name}>
                  <a href={`/dist/${d.name}`}>{d.name}</a> <span className="muted">distribution</span>
                </li>
              ))}
              {found.searchAuthors.map((a) => (
                <li key={a.pauseId}>
                  <a href={`/author/${a.pauseId}`}>{a.pauseId}</a> <span className="muted">author</span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">Nothing starts with “{q}”.</p>
          )}
        </section>
      )}
      <section aria-labelledby="numbers-heading">
        <h2 id="numbers-heading">The network today</h2>
        <div className="numbers">
          <div className="card number">
            <span className="number-value">
              <Num value={todayCount} />
            </span>
            <span className="muted">reports today (UTC)</span>
          </div>
          <div className="card number">
            <span className="number-value">
              <Num value={monthCount} />
            </span>
            <span className="muted">reports this month</span>
          </div>
          <div className="card number">
            <span className="number-value">
              <Num value={Math.round(data.statistics.submissionRate.reportsPerMinute * 100) / 100} />
            </span>
            <span className="muted">reports a minute, last 24 hours</span>
          </div>
        </div>
        <DayChart days={days.filter((d) => d.period >= daysOf(now).from)} from={from} to={today} />
      </section>
      <div className="grid two">
        <section aria-labelledby="arriving-heading">
          <h2 id="arriving-heading">
            Reports arriving now <span className="live-dot" aria-hidden="true" />
          </h2>
          {reports.length === 0 ? (
            <p className="muted">No reports yet.</p>
          ) : (
            <ul className="feed" aria-live="polite">
              {reports.map((r) => (
                <li key={r.reportId}>
                  <a href={`/report/${r.guid}`}>
                    <Grade grade={r.grade} />
                  </a>{" "}
                  <a href={`/dist/${r.dist}/${r.version}`}>
                    {r.dist} {r.version}
                  </a>{" "}
                  <span className="muted">
                    perl {r.perl}, {r.osname}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>
        <section aria-labelledby="uploads-heading">
          <h2 id="uploads-heading">New uploads</h2>
          {allUploads.length === 0 ? (
            <p className="muted">No uploads yet.</p>
          ) : (
            <ul className="feed" aria-live="polite">
              {allUploads.map((u) => (
                <li key={`${u.dist}-${u.version}`}>
                  <a href={`/dist/${u.dist}/${u.version}`}>
                    {u.dist} {u.version}
                  </a>{" "}
                  {u.author && (
                    <span className="muted">
                      by <a href={`/author/${u.author}`}>{u.author}</a>
                    </span>
                  )}{" "}
                  {u.releasedAt && (
                    <span className="muted">
                      <Time iso={u.releasedAt} />
                    </span>
                  )}
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </div>
  );
}
