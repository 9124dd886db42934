import { CountsBar } from "../../components/CountsBar";
import { Time } from "../../components/format";
import { graphql } from "../../generated/gql";
import type { VersionListFieldsFragment } from "../../generated/graphql";

graphql(`
  fragment VersionListFields on Distribution {
    name
    releases(first: 100) {
      nodes {
        version
        upload {
          releasedAt
          maturity
        }
        allPerls {
          ...GradeCountsFields
        }
        stablePerls {
          ...GradeCountsFields
        }
      }
    }
  }
`);

/** Every version, newest first, with its counts; the chosen one marked. */
export function VersionList({
  distribution,
  current,
  stableOnly,
}: {
  distribution: VersionListFieldsFragment;
  current: string;
  stableOnly: boolean;
}) {
  const releases = distribution.releases.nodes;
  if (releases.length === 0) return <p className="muted">No versions yet.</p>;
  return (
    <div className="table-wrap">
      <table className="versions">
        <thead>
          <tr>
            <th scope="col">Version</th>
            <th scope="col">Released</th>
            <th scope="col">Reports</th>
          </tr>
        </thead>
        <tbody>
          {releases.map((release) => {
            const counts = stableOnly ? release.stablePerls : release.allPerls;
            const chosen = release.version === current;
            return (
              <tr key={release.version} className={chosen ? "chosen" : undefined}>
                <th scope="row">
                  <a
                    href={`/dist/${distribution.name}/${release.version}`}
                    aria-current={chosen ? "page" : undefined}
                  >
                    {release.version}
                  </a>
                  {release.upload?.maturity === "DEV" && <span className="pill">trial</span>}
                </th>
                <td>{release.upload?.releasedAt ? <Time iso={release.upload.releasedAt} dateOnly /> : "–"}</td>
                <td>
                  <CountsBar counts={counts} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
