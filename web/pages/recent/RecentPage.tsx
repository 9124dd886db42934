import { useState } from "react";
import { useQuery } from "urql";
import { load, type PageContext, type PageModule } from "../../app/page";
import { GRADE_ORDER, GRADES } from "../../components/Grade";
import { useLive } from "../../components/live";
import { ReportTable } from "../../components/ReportRow";
import { graphql } from "../../generated/gql";
import type { Grade as GradeValue } from "../../generated/graphql";

const RecentPageDocument = graphql(`
  query RecentPage($grade: Grade, $osname: String, $perlSeries: String) {
    reports(first: 50, grade: $grade, osname: $osname, perlSeries: $perlSeries) {
      nodes {
        ...ReportRowFields
      }
    }
  }
`);

const RecentLiveDocument = graphql(`
  subscription RecentLive($filter: ReportProcessedFilter) {
    reportProcessed(filter: $filter) {
      reportId
    }
  }
`);

interface Filters {
  grade?: GradeValue;
  os?: string;
  series?: string;
}

const GRADE_SET = new Set<string>(GRADE_ORDER);

/** The stream's filters as the URL's query holds them, like the lists' (`?grade=fail&os=linux&series=5.40`). */
export function parseRecentFilters(search: string): Filters {
  const query = new URLSearchParams(search);
  const grade = query.get("grade")?.toUpperCase();
  const os = query.get("os")?.trim();
  const series = query.get("series")?.trim();
  return {
    ...(grade && GRADE_SET.has(grade) ? { grade: grade as GradeValue } : {}),
    ...(os ? { os } : {}),
    ...(series && /^\d+\.\d+$/.test(series) ? { series } : {}),
  };
}

function toSearch(filters: Filters): string {
  const query = new URLSearchParams();
  if (filters.grade) query.set("grade", filters.grade.toLowerCase());
  if (filters.os) query.set("os", filters.os);
  if (filters.series) query.set("series", filters.series);
  const text = query.toString();
  return text ? `?${text}` : "";
}

const variablesOf = (filters: Filters) => ({
  grade: filters.grade ?? null,
  osname: filters.os ?? null,
  perlSeries: filters.series ?? null,
});

const filterOf = (filters: Filters) => ({
  ...(filters.grade ? { grade: filters.grade } : {}),
  ...(filters.os ? { osname: filters.os } : {}),
  ...(filters.series ? { perlSeries: filters.series } : {}),
});

export const prepare: PageModule["prepare"] = async (client, context) => {
  await load(client, RecentPageDocument, variablesOf(parseRecentFilters(context.search)));
  return {
    head: {
      title: "Recent reports · CPAN Testers",
      description: "Test reports as they arrive from CPAN Testers' volunteers, live, filtered by grade, OS and perl.",
    },
    maxAge: 5,
  };
};

export function Page(context: PageContext) {
  const [filters, setFilters] = useState<Filters>(() => parseRecentFilters(context.search));
  const [arrived, setArrived] = useState(0);
  const [result, refetch] = useQuery({ query: RecentPageDocument, variables: variablesOf(filters) });
  useLive(RecentLiveDocument, { filter: filterOf(filters) }, (events) => {
    refetch({ requestPolicy: "network-only" });
    setArrived((count) => count + events.length);
  });
  const update = (change: Partial<Filters>) => {
    const next = { ...filters, ...change };
    for (const key of Object.keys(next) as (keyof Filters)[]) if (!next[key]) delete next[key];
    setFilters(next);
    setArrived(0);
    history.replaceState(null, "", `${location.pathname}${toSearch(next)}`);
  };
  const reports = result.data?.reports.nodes;
  return (
    <article className="recent">
      <h1>Recent reports</h1>
      <div className="toolbar">
        <form className="filters" aria-label="Filter the reports" onSubmit={(e) => e.preventDefault()}>
          <label>
            Grade
            <select
              name="grade"
              value={filters.grade ?? ""}
              onChange={(e) => update({ grade: (e.target.value || undefined) as GradeValue | undefined })}
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
            OS
            <input
              name="os"
              type="text"
              placeholder="linux"
              size={10}
              defaultValue={filters.os ?? ""}
              onKeyDown={(e) => {
                if (e.key === "Enter") update({ os: e.currentTarget.value.trim() || undefined });
              }}
              onBlur={(e) => update({ os: e.target.value.trim() || undefined })}
            />
          </label>
          <label>
            Perl series
            <input
              name="series"
              type="text"
              inputMode="decimal"
              placeholder="5.40"
              size={6}
              defaultValue={filters.series ?? ""}
              onKeyDown={(e) => {
                if (e.key === "Enter") update({ series: e.currentTarget.value.trim() || undefined });
              }}
              onBlur={(e) => update({ series: e.target.value.trim() || undefined })}
            />
          </label>
        </form>
        <p className="live-note" role="status">
          <span className="live-dot" aria-hidden="true" /> Live
          {arrived > 0 && `: ${arrived} new report${arrived === 1 ? "" : "s"} since you opened the page`}
        </p>
      </div>
      {!reports ? (
        <p>Loading…</p>
      ) : reports.length === 0 ? (
        <p className="muted">No reports match these filters yet.</p>
      ) : (
        <ReportTable
          reports={reports}
          columns={{ dist: true, tester: true }}
          className="report-list recent-list"
          label={{ text: "Recent reports" }}
          busy={result.fetching}
        />
      )}
    </article>
  );
}
