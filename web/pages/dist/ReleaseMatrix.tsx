import { bySeriesDescending, isDevSeries } from "../../components/perl";
import { CellCounts, shareStyle } from "../../components/ShareCell";
import { graphql } from "../../generated/gql";
import type { ReleaseMatrixFieldsFragment } from "../../generated/graphql";

graphql(`
  fragment ReleaseMatrixFields on Release {
    matrix {
      perlSeries
      osnames
      cells {
        perlSeries
        osname
        pass
        fail
        na
        unknown
        total
      }
    }
  }
`);

/** Perl series × OS for one release; a cell is a button that filters the report list to it. */
export function ReleaseMatrix({
  matrix: release,
  stableOnly,
  selected,
  onSelect,
}: {
  matrix: ReleaseMatrixFieldsFragment["matrix"];
  stableOnly: boolean;
  selected: { series: string | undefined; os: string | undefined };
  onSelect: (series: string, os: string) => void;
}) {
  const series = release.perlSeries.filter((s) => !stableOnly || !isDevSeries(s)).sort(bySeriesDescending);
  if (series.length === 0 || release.osnames.length === 0) return <p className="muted">No reports yet.</p>;
  const cells = new Map(release.cells.map((cell) => [`${cell.perlSeries}\u0000${cell.osname}`, cell]));
  return (
    <div className="table-wrap">
      <table className="matrix release-matrix">
        <caption className="visually-hidden">
          Reports by perl series and operating system; choose a cell to list its reports
        </caption>
        <thead>
          <tr>
            <th scope="col">Perl</th>
            {release.osnames.map((os) => (
              <th key={os} scope="col">
                {os}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {series.map((s) => (
            <tr key={s}>
              <th scope="row">
                {s}
                {isDevSeries(s) && <span className="pill">dev</span>}
              </th>
              {release.osnames.map((os) => {
                const cell = cells.get(`${s}\u0000${os}`);
                if (!cell || cell.total === 0)
                  return (
                    <td key={os} className="cell empty">
                      <span className="visually-hidden">no reports</span>
                    </td>
                  );
                const pressed = selected.series === s && selected.os === os;
                // No title: the cell's words already name it, and a popular release has hundreds of cells.
                return (
                  <td key={os} className="cell shared" style={shareStyle(cell)}>
                    <button type="button" className="cell-button" aria-pressed={pressed} onClick={() => onSelect(s, os)}>
                      <span className="visually-hidden">{`perl ${s} on ${os}: `}</span>
                      <CellCounts counts={cell} />
                    </button>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
