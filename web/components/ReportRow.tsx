import type { ReactNode } from "react";
import { graphql } from "../generated/gql";
import type { ReportRowFieldsFragment } from "../generated/graphql";
import { Time } from "./format";
import { Grade, GRADES } from "./Grade";

graphql(`
  fragment ReportRowFields on Report {
    reportId
    guid
    grade
    dist
    version
    perl
    osname
    osversion
    platform
    submittedAt
    tester {
      testerId
      fullName
    }
  }
`);

/** Columns a list may leave out: the distribution on a release's own list, the tester on a tester's. */
export interface ReportColumns {
  dist?: boolean;
  tester?: boolean;
}

/** One report in a list: grade (a link to the report), release, perl, OS, archname, tester, date. */
export function ReportRow({ report, columns }: { report: ReportRowFieldsFragment; columns: ReportColumns }) {
  return (
    <tr data-report-id={report.reportId}>
      <td>
        <a href={`/report/${report.guid}`} aria-label={`Report ${report.reportId}: ${GRADES[report.grade].label}`}>
          <Grade grade={report.grade} />
        </a>
      </td>
      {columns.dist && (
        <td>
          <a href={`/dist/${report.dist}/${report.version}`}>
            {report.dist} {report.version}
          </a>
        </td>
      )}
      <td>{report.perl}</td>
      <td>
        {report.osname} <span className="muted">{report.osversion}</span>
      </td>
      <td>
        <code>{report.platform}</code>
      </td>
      {columns.tester && (
        <td>
          {/* The name only: the API's tester e-mail never reaches a page. */}
          {report.tester ? <a href={`/tester/${report.tester.testerId}`}>{report.tester.fullName}</a> : "anonymous"}
        </td>
      )}
      <td>
        <Time iso={report.submittedAt} />
      </td>
    </tr>
  );
}

/** A table of reports with the columns `ReportRow` draws; `label` names it for screen readers. */
export function ReportTable({
  reports,
  columns,
  className = "report-list",
  label,
  busy,
}: {
  reports: readonly ReportRowFieldsFragment[];
  columns: ReportColumns;
  className?: string;
  label: { id: string } | { text: string };
  busy?: boolean;
}): ReactNode {
  return (
    <div className="table-wrap">
      <table
        className={className}
        aria-busy={busy}
        {...("id" in label ? { "aria-labelledby": label.id } : { "aria-label": label.text })}
      >
        <thead>
          <tr>
            <th scope="col">Grade</th>
            {columns.dist && <th scope="col">Distribution</th>}
            <th scope="col">Perl</th>
            <th scope="col">OS</th>
            <th scope="col">Archname</th>
            {columns.tester && <th scope="col">Tester</th>}
            <th scope="col">Submitted</th>
          </tr>
        </thead>
        <tbody>
          {reports.map((report) => (
            <ReportRow key={report.guid} report={report} columns={columns} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
