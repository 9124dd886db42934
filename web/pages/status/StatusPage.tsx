import { useEffect } from "react";
import { useQuery } from "urql";
import { load, type PageModule } from "../../app/page";
import { Num, Time } from "../../components/format";
import { graphql } from "../../generated/gql";
import { MinuteChart } from "./MinuteChart";

const StatusPageDocument = graphql(`
  query StatusPage {
    systemStatus {
      checkedAt
      healthy
      components {
        kind
        name
        state
        lastSeenAt
        detail
      }
      minutes {
        minute
        received
        processed
        requests
      }
      waitingDocuments
      failedDocuments
      lagSeconds
      lagP99Seconds
      lastProcessed {
        guid
        dist
        version
        grade
        receivedAt
        processedAt
      }
    }
  }
`);

/** How often the open page asks again; the server computes the status at most every 5 s. */
const REFRESH_MS = 10_000;

const KIND_NAMES: Record<string, string> = {
  api: "API instance",
  etl: "ETL worker",
  database: "Database",
  redis: "Redis",
  mail: "Mail",
};

const STATE_TEXT: Record<string, string> = { UP: "up", DOWN: "down", NOT_CONFIGURED: "not configured" };

/** Seconds as people read them: "0.4 s", "12 s", "3 min", "2 h 5 min". */
export function duration(seconds: number): string {
  if (seconds < 10) return `${seconds.toFixed(1)} s`;
  if (seconds < 120) return `${Math.round(seconds)} s`;
  if (seconds < 7_200) return `${Math.round(seconds / 60)} min`;
  return `${Math.floor(seconds / 3_600)} h ${Math.round((seconds % 3_600) / 60)} min`;
}

export const prepare: PageModule["prepare"] = async (client) => {
  const { systemStatus } = await load(client, StatusPageDocument, {});
  return {
    head: {
      title: `${systemStatus.healthy ? "All systems working" : "Some systems down"} · CPAN Testers status`,
      description:
        "Whether every part of CPAN Testers is working: API instances, ETL workers, the database, Redis and mail; reports received and processed per minute, and how long a report takes to appear.",
    },
    maxAge: 5,
  };
};

export function Page() {
  const [{ data }, refresh] = useQuery({ query: StatusPageDocument });
  // Live: ask again every few seconds while the page is open (the server's answer is shared and cached).
  useEffect(() => {
    const timer = setInterval(() => refresh({ requestPolicy: "network-only" }), REFRESH_MS);
    return () => clearInterval(timer);
  }, [refresh]);
  if (!data) return <p>Loading…</p>;
  const status = data.systemStatus;
  const last = status.lastProcessed;
  const received = status.minutes.reduce((sum, m) => sum + m.received, 0);
  const processed = status.minutes.reduce((sum, m) => sum + m.processed, 0);
  return (
    <div className="status">
      <h1>CPAN Testers status</h1>
      <p className={`lede status-summary ${status.healthy ? "status-up" : "status-down"}`} role="status">
        {status.healthy ? "All systems working." : "Some systems are down."}{" "}
        <span className="muted">
          Checked <Time iso={status.checkedAt} />.
        </span>
      </p>

      <section aria-labelledby="components-heading">
        <h2 id="components-heading">Components</h2>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Component</th>
                <th scope="col">State</th>
                <th scope="col">Last seen</th>
                <th scope="col">Detail</th>
              </tr>
            </thead>
            <tbody>
              {status.components.map((c) => (
                <tr key={c.name} className={`component-${c.state.toLowerCase()}`}>
                  <td>
                    {KIND_NAMES[c.kind] ?? c.kind}
                    {c.name !== c.kind && <span className="muted"> {c.name}</span>}
                  </td>
                  <td>
                    <span className={`state state-${c.state.toLowerCase()}`}>{STATE_TEXT[c.state] ?? c.state}</span>
                  </td>
                  <td>{c.lastSeenAt ? <Time iso={c.lastSeenAt} /> : "—"}</td>
                  <td className="muted">{c.detail ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="processing-heading">
        <h2 id="processing-heading">Processing</h2>
        <dl className="facts">
          <dt>Waiting to be processed</dt>
          <dd>
            <Num value={status.waitingDocuments} /> reports
          </dd>
          <dt>Behind by</dt>
          <dd>{duration(status.lagSeconds)}</dd>
          <dt>Report to visible, 99th percentile (last hour)</dt>
          <dd>{status.lagP99Seconds === null ? "no report processed" : `under ${duration(status.lagP99Seconds)}`}</dd>
          <dt>Failed, waiting for an operator</dt>
          <dd>
            <Num value={status.failedDocuments} />
          </dd>
          <dt>Last report processed</dt>
          <dd>
            {last ? (
              <>
                <a href={`/report/${last.guid}`}>
                  {last.dist} {last.version}
                </a>{" "}
                ({last.grade}), {last.processedAt ? <Time iso={last.processedAt} /> : "processing"}
              </>
            ) : (
              "none yet"
            )}
          </dd>
        </dl>
      </section>

      <section aria-labelledby="throughput-heading">
        <h2 id="throughput-heading">Reports per minute, last 24 hours</h2>
        <p className="muted">
          <Num value={received} /> received, <Num value={processed} /> processed.
        </p>
        <MinuteChart minutes={status.minutes} checkedAt={status.checkedAt} />
      </section>
    </div>
  );
}
