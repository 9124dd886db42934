import { Num } from "../../components/format";
import { graphql } from "../../generated/gql";
import type { ReportFailuresFieldsFragment } from "../../generated/graphql";

graphql(`
  fragment ReportFailuresFields on Report {
    failures {
      signature {
        id
        kind
        title
      }
      testFile
      otherReports
    }
  }
`);

/** How the report failed, each way with the other reports that fail the same way. */
export function ReportFailures({ report }: { report: ReportFailuresFieldsFragment }) {
  if (report.failures.length === 0) return null;
  return (
    <section className="report-failures" aria-labelledby="failures-heading">
      <h2 id="failures-heading">How it failed</h2>
      <ul className="why-list">
        {report.failures.map((failure) => (
          <li key={`${failure.signature.id} ${failure.testFile ?? ""}`}>
            <code>{failure.signature.title}</code> <span className="pill">{failure.signature.kind}</span>
            {failure.testFile && (
              <>
                {" "}
                in <code>{failure.testFile}</code>
              </>
            )}
            <br />
            {failure.otherReports === 0 ? (
              <span className="muted">No other report fails this way.</span>
            ) : (
              <a href={`/failure/${failure.signature.id}`}>
                <Num value={failure.otherReports} /> other report{failure.otherReports === 1 ? "" : "s"} fail
                {failure.otherReports === 1 ? "s" : ""} the same way
              </a>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
