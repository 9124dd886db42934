import { useQuery } from "urql";
import { load, type PageContext, type PageModule } from "../../app/page";
import { CountsBar } from "../../components/CountsBar";
import { Num, percent } from "../../components/format";
import { bySeriesDescending } from "../../components/perl";
import { CellCounts, describeCounts, shareStyle } from "../../components/ShareCell";
import { ReportSearchForm } from "../../components/ReportSearchForm";
import { graphql } from "../../generated/gql";
import type { StatsPageQuery } from "../../generated/graphql";
import { LINE_COLOURS, MonthChart } from "./MonthChart";

const StatsPageDocument = graphql(`
  query StatsPage($from: Date!, $to: Date!) {
    statistics {
      reportsPerMonth(from: $from, to: $to) {
        period
        pass
        fail
        na
        unknown
        total
      }
      testersPerMonth(from: $from, to: $to) {
        month
        testers
        reports
      }
      osShare: shares(by: OSNAME, from: $from, to: $to, first: 12) {
        key
        share
        total
      }
      perlShare: shares(by: PERL_SERIES, from: $from, to: $to, first: 12) {
        key
        share
        total
      }
      weekHours(from: $from, to: $to) {
        weekday
        hour
        reports
      }
      osPerlMatrix(from: $from, to: $to) {
        osname
        perlSeries
        pass
        fail
        na
        unknown
        total
      }
      mostFailingReleases(first: 15) {
        dist
        version
        allPerls {
          ...GradeCountsFields
        }
      }
      osTrends: trends(by: OSNAME, from: $from, to: $to, first: 6) {
        key
        total
        months {
          period
          total
          change
        }
      }
      perlTrends: trends(by: PERL_SERIES, from: $from, to: $to, first: 6) {
        key
        total
        months {
          period
          total
          change
        }
      }
    }
  }
`);

type Statistics = StatsPageQuery["statistics"];

/** The last 24 months up to the day the page was rendered (UTC). */
export function rangeOf(now: string): { from: string; to: string } {
  const today = (now || new Date().toISOString()).slice(0, 10);
  const start = new Date(`${today.slice(0, 7)}-01T00:00:00Z`);
  start.setUTCMonth(start.getUTCMonth() - 23);
  return { from: start.toISOString().slice(0, 10), to: today };
}

/** Every month (first days) from `from` to `to`. */
function monthsOf(from: string, to: string): string[] {
  const months: string[] = [];
  for (const date = new Date(`${from.slice(0, 7)}-01T00:00:00Z`); date.toISOString().slice(0, 10) <= to;) {
    months.push(date.toISOString().slice(0, 10));
    date.setUTCMonth(date.getUTCMonth() + 1);
  }
  return months;
}

export const usesClock = true;

export const prepare: PageModule["prepare"] = async (client, context) => {
  await load(client, StatsPageDocument, rangeOf(context.now));
  return {
    head: {
      title: "Statistics · CPAN Testers",
      description:
        "CPAN Testers in numbers: reports per month by grade, OS and perl shares, testers, when reports arrive, the OS × perl matrix and the most failing releases.",
    },
    maxAge: 60,
  };
};

const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

function ShareList({ title, rows, label }: { title: string; rows: Statistics["osShare"]; label: string }) {
  const shown = rows.reduce((sum, row) => sum + row.share, 0);
  return (
    <section>
      <h2>{title}</h2>
      <table className="share-list">
        <thead>
          <tr>
            <th scope="col">{label}</th>
            <th scope="col">Reports</th>
            <th scope="col">Share</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <th scope="row">{row.key}</th>
              <td>
                <Num value={row.total} />
              </td>
              <td>
                <span className="share-bar" aria-hidden="true">
                  <span style={{ width: `${row.share * 100}%` }} />
                </span>{" "}
                {(row.share * 100).toFixed(1)}%
              </td>
            </tr>
          ))}
          {rows.length > 0 && shown < 0.9995 && (
            <tr>
              <th scope="row">others</th>
              <td />
              <td>{((1 - shown) * 100).toFixed(1)}%</td>
            </tr>
          )}
        </tbody>
      </table>
    </section>
  );
}

function WeekHours({ cells }: { cells: Statistics["weekHours"] }) {
  const counts = new Map(cells.map((cell) => [`${cell.weekday} ${cell.hour}`, cell.reports]));
  const most = Math.max(1, ...cells.map((cell) => cell.reports));
  return (
    <section>
      <h2 id="week-hours">When reports arrive</h2>
      <p className="muted">Reports received by weekday and hour (UTC); darker is more.</p>
      <div className="table-wrap">
        <table className="heat week-hours" aria-labelledby="week-hours">
          <thead>
            <tr>
              <th scope="col">Day</th>
              {Array.from({ length: 24 }, (_, hour) => (
                <th scope="col" key={hour}>
                  {String(hour).padStart(2, "0")}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {WEEKDAYS.map((day, index) => (
              <tr key={day}>
                <th scope="row">{day.slice(0, 3)}</th>
                {Array.from({ length: 24 }, (_, hour) => {
                  const reports = counts.get(`${index + 1} ${hour}`) ?? 0;
                  const strength = Math.round((reports / most) * 100);
                  return (
                    <td
                      key={hour}
                      title={`${day} ${hour}:00–${hour}:59 UTC: ${reports} reports`}
                      style={{ background: `color-mix(in oklab, var(--pass) ${strength}%, transparent)` }}
                    >
                      <span className="visually-hidden">{reports}</span>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function OsPerlMatrix({ cells }: { cells: Statistics["osPerlMatrix"] }) {
  const byOs = new Map<string, number>();
  for (const cell of cells) byOs.set(cell.osname, (byOs.get(cell.osname) ?? 0) + cell.total);
  const osnames = [...byOs]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 12)
    .map(([os]) => os);
  const series = [...new Set(cells.map((cell) => cell.perlSeries))].sort(bySeriesDescending).slice(0, 12);
  const at = new Map(cells.map((cell) => [`${cell.osname} ${cell.perlSeries}`, cell]));
  return (
    <section>
      <h2 id="os-perl">OS × perl</h2>
      <p className="muted">The most used OSes and perl series; each cell is its pass share, passes and failures.</p>
      <div className="table-wrap">
        <table className="matrix heat" aria-labelledby="os-perl">
          <thead>
            <tr>
              <th scope="col">OS</th>
              {series.map((s) => (
                <th scope="col" key={s}>
                  {s}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {osnames.map((os) => (
              <tr key={os}>
                <th scope="row">{os}</th>
                {series.map((s) => {
                  const cell = at.get(`${os} ${s}`);
                  return cell ? (
                    <td key={s} className="shared" style={shareStyle(cell)} title={describeCounts(cell)}>
                      <CellCounts counts={cell} />
                    </td>
                  ) : (
                    <td key={s} className="muted">
                      –
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function Trends({ title, trends, months }: { title: string; trends: Statistics["osTrends"]; months: string[] }) {
  const columns = trends.map((trend, index) => {
    const byMonth = new Map(trend.months.map((month) => [month.period, month]));
    return {
      label: trend.key,
      colour: LINE_COLOURS[index % LINE_COLOURS.length]!,
      values: months.map((m) => byMonth.get(m)?.total ?? 0),
      changes: months.map((m) => byMonth.get(m)?.change),
    };
  });
  return (
    <section>
      <h2>{title}</h2>
      <MonthChart kind="lines" months={months} columns={columns} caption={`${title}, reports per month`} />
    </section>
  );
}

export function Page(context: PageContext) {
  const range = rangeOf(context.now);
  const [{ data }] = useQuery({ query: StatsPageDocument, variables: range });
  if (!data) return <p>Loading…</p>;
  const stats = data.statistics;
  const months = monthsOf(range.from, range.to);
  const perMonth = new Map(stats.reportsPerMonth.map((row) => [row.period, row]));
  const testers = new Map(stats.testersPerMonth.map((row) => [row.month, row]));
  const grades = [
    { label: "Pass", colour: "--pass", key: "pass" as const },
    { label: "Fail", colour: "--fail", key: "fail" as const },
    { label: "N/A", colour: "--na", key: "na" as const },
    { label: "Unknown", colour: "--muted", key: "unknown" as const },
  ];
  return (
    <article className="stats">
      <h1>Statistics</h1>
      <p className="lede muted">
        The last 24 months, {range.from.slice(0, 7)} to {range.to.slice(0, 7)} (UTC), from the counts the platform keeps
        as reports arrive.
      </p>
      <ReportSearchForm />
      <section>
        <h2>Reports per month</h2>
        <MonthChart
          kind="stacked"
          months={months}
          columns={[
            { label: "Reports", values: months.map((m) => perMonth.get(m)?.total ?? 0) },
            ...grades.map((g) => ({
              label: g.label,
              colour: g.colour,
              values: months.map((m) => perMonth.get(m)?.[g.key] ?? 0),
            })),
          ]}
          caption="Reports per month by grade"
        />
      </section>
      <section>
        <h2>Testers per month</h2>
        <MonthChart
          kind="lines"
          months={months}
          columns={[
            { label: "Testers", colour: "--pass", values: months.map((m) => testers.get(m)?.testers ?? 0) },
            { label: "Reports", values: months.map((m) => testers.get(m)?.reports ?? 0) },
          ]}
          caption="Testers who sent at least one report, per month"
        />
      </section>
      <div className="grid two">
        <ShareList title="OS share" rows={stats.osShare} label="OS" />
        <ShareList title="Perl series share" rows={stats.perlShare} label="Perl" />
      </div>
      <div className="grid two">
        <Trends title="Trends by OS" trends={stats.osTrends} months={months} />
        <Trends title="Trends by perl series" trends={stats.perlTrends} months={months} />
      </div>
      <WeekHours cells={stats.weekHours} />
      <OsPerlMatrix cells={stats.osPerlMatrix} />
      <section>
        <h2 id="most-failing">Most failing releases</h2>
        <div className="table-wrap">
          <table aria-labelledby="most-failing">
            <thead>
              <tr>
                <th scope="col">Release</th>
                <th scope="col">Reports</th>
                <th scope="col">Pass share</th>
              </tr>
            </thead>
            <tbody>
              {stats.mostFailingReleases.map((release) => (
                <tr key={`${release.dist} ${release.version}`}>
                  <th scope="row">
                    <a href={`/dist/${release.dist}/${release.version}`}>
                      {release.dist} {release.version}
                    </a>
                  </th>
                  <td>
                    <CountsBar counts={release.allPerls} />
                  </td>
                  <td>{percent(release.allPerls.pass, release.allPerls.total)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </article>
  );
}
