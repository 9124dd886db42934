import { percent } from "../../components/format";
import { bySeriesDescending, isDevSeries } from "../../components/perl";
import { describeCounts, shareStyle } from "../../components/ShareCell";
import { graphql } from "../../generated/gql";
import type { DistMatrixFieldsFragment } from "../../generated/graphql";

graphql(`
  fragment DistMatrixFields on Distribution {
    matrix {
      versions
      perlSeries
      cells {
        version
        perlSeries
        pass
        fail
        na
        unknown
        total
      }
    }
  }
`);

/** Versions × perl series: where each version passes, at a glance. A cell opens that version's reports. */
export function DistMatrix({
  distribution,
  stableOnly,
}: {
  distribution: DistMatrixFieldsFragment & { name: string };
  stableOnly: boolean;
}) {
  const { matrix } = distribution;
  const series = matrix.perlSeries.filter((s) => !stableOnly || !isDevSeries(s)).sort(bySeriesDescending);
  if (matrix.versions.length === 0 || series.length === 0) return <p className="muted">No reports yet.</p>;
  const cells = new Map(matrix.cells.map((cell) => [`${cell.version}\u0000${cell.perlSeries}`, cell]));
  return (
    <div className="table-wrap">
      <table className="matrix">
        <caption className="visually-hidden">Pass share of each version on each perl series</caption>
        <thead>
          <tr>
            <th scope="col">Version</th>
            {series.map((s) => (
              <th key={s} scope="col" className="num">
                {s}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {matrix.versions.map((version) => (
            <tr key={version}>
              <th scope="row">{version}</th>
              {series.map((s) => {
                const cell = cells.get(`${version}\u0000${s}`);
                return cell && cell.total > 0 ? (
                  <td key={s} className="cell shared" style={shareStyle(cell)} title={describeCounts(cell)}>
                    <a href={`/dist/${distribution.name}/${version}?series=${s}`}>{percent(cell.pass, cell.total)}</a>
                  </td>
                ) : (
                  <td key={s} className="cell empty">
                    <span className="visually-hidden">no reports</span>
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
