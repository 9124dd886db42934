import { GRADE_ORDER, GRADES } from "../../components/Grade";
import { bySeriesDescending } from "../../components/perl";
import { ReportTable } from "../../components/ReportRow";
import { graphql } from "../../generated/gql";
import type { Grade as GradeValue, Maturity, ReportListFieldsFragment } from "../../generated/graphql";
import type { Filters } from "./filters";

graphql(`
  fragment ReportListFields on ReportConnection {
    nodes {
      ...ReportRowFields
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
`);

/** The reports of a release, filtered by grade, perl, OS and maturity, a page at a time. */
export function ReportList({
  connection,
  fetching,
  filters,
  onChange,
  perlSeries,
  osnames,
}: {
  connection: ReportListFieldsFragment | undefined;
  fetching: boolean;
  filters: Filters;
  onChange: (change: Partial<Filters>) => void;
  perlSeries: string[];
  osnames: string[];
}) {
  const filtered = filters.grade || filters.perl || filters.series || filters.os || filters.maturity;
  return (
    <section className="reports" aria-busy={fetching}>
      <h2 id="reports-heading">Reports</h2>
      <form
        className="filters"
        method="get"
        aria-label="Filter the reports"
        onSubmit={(event) => event.preventDefault()}
      >
        <label>
          Grade
          <select
            name="grade"
            value={filters.grade ?? ""}
            onChange={(e) => onChange({ grade: (e.target.value || undefined) as GradeValue | undefined })}
          >
            <option value="">any</option>
            {GRADE_ORDER.map((grade) => (
              <option key={grade} value={grade}>
                {GRADES[grade].label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Perl series
          <select
            name="series"
            value={filters.series ?? ""}
            onChange={(e) => onChange({ series: e.target.value || undefined, perl: undefined })}
          >
            <option value="">any</option>
            {[...new Set([...perlSeries, ...(filters.series ? [filters.series] : [])])]
              .sort(bySeriesDescending)
              .map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
          </select>
        </label>
        <label>
          Exact perl
          <input
            name="perl"
            type="text"
            inputMode="decimal"
            placeholder="5.40.1"
            size={8}
            defaultValue={filters.perl ?? ""}
            key={filters.perl ?? ""}
            onBlur={(e) => {
              const perl = e.target.value.trim() || undefined;
              if (perl !== filters.perl) onChange({ perl, series: undefined });
            }}
            onKeyDown={(e) => {
              if (e.key === "Enter") {
                e.preventDefault();
                onChange({ perl: e.currentTarget.value.trim() || undefined, series: undefined });
              }
            }}
          />
        </label>
        <label>
          OS
          <select
            name="os"
            value={filters.os ?? ""}
            onChange={(e) => onChange({ os: e.target.value || undefined })}
          >
            <option value="">any</option>
            {[...new Set([...osnames, ...(filters.os ? [filters.os] : [])])].sort().map((os) => (
              <option key={os} value={os}>
                {os}
              </option>
            ))}
          </select>
        </label>
        <label>
          Perl maturity
          <select
            name="maturity"
            value={filters.maturity ?? ""}
            onChange={(e) => onChange({ maturity: (e.target.value || undefined) as Maturity | undefined })}
          >
            <option value="">any</option>
            <option value="STABLE">stable</option>
            <option value="DEV">development</option>
          </select>
        </label>
        {filtered && (
          <button
            type="button"
            className="secondary"
            onClick={() =>
              onChange({ grade: undefined, perl: undefined, series: undefined, os: undefined, maturity: undefined })
            }
          >
            Clear filters
          </button>
        )}
      </form>
      {!connection ? (
        <p>Loading…</p>
      ) : connection.nodes.length === 0 ? (
        <p className="muted">No reports{filtered ? " match these filters" : " yet"}.</p>
      ) : (
        <ReportTable
          reports={connection.nodes}
          columns={{ tester: true }}
          label={{ id: "reports-heading" }}
        />
      )}
      <nav className="pager" aria-label="Pages of reports">
        {filters.after && (
          <button type="button" className="secondary" onClick={() => onChange({ after: undefined })}>
            ← Newest reports
          </button>
        )}
        {connection?.pageInfo.hasNextPage && connection.pageInfo.endCursor && (
          <button type="button" onClick={() => onChange({ after: connection.pageInfo.endCursor ?? undefined })}>
            Older reports →
          </button>
        )}
      </nav>
    </section>
  );
}
