import { useQuery } from "urql";
import { CopyJson } from "../../components/CopyJson";
import { Time } from "../../components/format";
import { Grade } from "../../components/Grade";
import { graphql } from "../../generated/gql";
import type { ReportPageQuery } from "../../generated/graphql";
import { load, type PageContext, type PageModule } from "../../app/page";
import { OutputByPhase } from "./OutputByPhase";
import { Prerequisites } from "./Prerequisites";
import { Conversation } from "./Conversation";
import { ReportFailures } from "./ReportFailures";

const ReportPageDocument = graphql(`
  query ReportPage($guid: String, $reportId: Int) {
    report(guid: $guid, reportId: $reportId) {
      reportId
      guid
      grade
      dist
      version
      perl
      perlSeries
      perlMaturity
      platform
      osname
      osversion
      submittedAt
      receivedAt
      tester {
        fullName
      }
      release {
        author {
          pauseId
        }
      }
      ...ReportFailuresFields
      details {
        text
        userAgent
        comments
        perlBuild
        tests
        failures
        skipped
        warnings
        duration
        toolchain {
          name
          version
        }
        ...OutputFields
        ...PrerequisiteFields
      }
    }
  }
`);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_INT = 2 ** 31 - 1;

/** A report is found by its GUID or its sequential id; anything else is not a report's address. */
function variablesOf({ params }: PageContext) {
  const id = params.id ?? "";
  if (UUID.test(id)) return { guid: id.toLowerCase() };
  if (/^\d{1,10}$/.test(id) && Number(id) <= MAX_INT) return { reportId: Number(id) };
  return null;
}

/** The tester's registered name; the e-mail address is never asked for, so never shown. */
export function testerName(report: Pick<NonNullable<ReportPageQuery["report"]>, "tester">): string {
  return report.tester?.fullName || "an anonymous tester";
}

export const prepare: PageModule["prepare"] = async (client, context) => {
  const variables = variablesOf(context);
  if (!variables) return { notFound: context.params.id ?? "" };
  const { report } = await load(client, ReportPageDocument, variables);
  if (!report) return { notFound: context.params.id ?? "" };
  const verdict = report.grade.toLowerCase();
  return {
    head: {
      title: `${verdict.toUpperCase()} ${report.dist} ${report.version} on perl ${report.perl}, ${report.osname} · CPAN Testers`,
      description: `A CPAN Testers report: ${report.dist} ${report.version} ${verdict} on perl ${report.perl} (${report.platform}, ${report.osname} ${report.osversion}), submitted ${report.submittedAt.slice(0, 10)}.`,
    },
    maxAge: 86_400,
    immutable: true,
  };
};

export function Page(context: PageContext) {
  const variables = variablesOf(context);
  const [{ data }] = useQuery({ query: ReportPageDocument, variables: variables ?? {}, pause: !variables });
  const report = data?.report;
  if (!report) return <p>Loading…</p>;
  const details = report.details;
  const author = report.release.author?.pauseId;
  return (
    <article className="report">
      <nav className="breadcrumbs" aria-label="Breadcrumbs">
        <a href={`/dist/${report.dist}`}>{report.dist}</a> ›{" "}
        <a href={`/dist/${report.dist}/${report.version}`}>{report.version}</a> › report {report.reportId}
      </nav>
      <h1>
        <Grade grade={report.grade} /> {report.dist} {report.version}
      </h1>
      <p className="lede">
        on perl {report.perl} · {report.osname} {report.osversion} · by {testerName(report)}
      </p>
      <dl className="facts">
        <dt>Grade</dt>
        <dd>
          <Grade grade={report.grade} />
        </dd>
        <dt>Distribution</dt>
        <dd>
          <a href={`/dist/${report.dist}/${report.version}`}>
            {report.dist} {report.version}
          </a>
          {author && (
            <>
              {" "}
              by <a href={`/author/${author}`}>{author}</a>
            </>
          )}{" "}
          ·{" "}
          <a href={`https://metacpan.org/release/${author ? `${author}/` : ""}${report.dist}-${report.version}`}>
            MetaCPAN
          </a>
        </dd>
        <dt>Perl</dt>
        <dd>
          {report.perl} ({report.perlSeries} series, {report.perlMaturity === "STABLE" ? "stable" : "development"})
        </dd>
        <dt>OS</dt>
        <dd>
          {report.osname} {report.osversion}
        </dd>
        <dt>Archname</dt>
        <dd>
          <code>{report.platform}</code>
        </dd>
        <dt>Tester</dt>
        <dd>{testerName(report)}</dd>
        <dt>Submitted</dt>
        <dd>
          <Time iso={report.submittedAt} />
        </dd>
        <dt>Received</dt>
        <dd>
          <Time iso={report.receivedAt} />
        </dd>
        <dt>GUID</dt>
        <dd>
          <code>{report.guid}</code>
        </dd>
        {details?.userAgent && (
          <>
            <dt>Client</dt>
            <dd>{details.userAgent}</dd>
          </>
        )}
        {details?.tests != null && (
          <>
            <dt>Tests</dt>
            <dd>
              {details.tests} run{details.failures != null && `, ${details.failures} failed`}
              {details.skipped != null && `, ${details.skipped} skipped`}
              {details.duration != null && ` in ${details.duration} s`}
            </dd>
          </>
        )}
      </dl>
      {details?.comments && (
        <section>
          <h2>Comments</h2>
          <pre className="output">{details.comments}</pre>
        </section>
      )}
      <ReportFailures report={report} />
      <Conversation guid={report.guid} author={author} />
      {details && <OutputByPhase details={details} grade={report.grade} />}
      {details && <Prerequisites details={details} />}
      {details && details.toolchain.length > 0 && (
        <section>
          <h2>Toolchain</h2>
          <table className="compact">
            <thead>
              <tr>
                <th scope="col">Module</th>
                <th scope="col">Version</th>
              </tr>
            </thead>
            <tbody>
              {details.toolchain.map((module) => (
                <tr key={module.name}>
                  <td>{module.name}</td>
                  <td>{module.version}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      {details?.perlBuild && (
        <details className="section">
          <summary>
            <h2>perl -V</h2>
          </summary>
          <pre className="output">{details.perlBuild}</pre>
        </details>
      )}
      <details className="section">
        <summary>
          <h2>Raw JSON</h2>
        </summary>
        <CopyJson value={report} />
      </details>
    </article>
  );
}
