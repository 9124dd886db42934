import { graphql } from "../../generated/gql";
import type { PrerequisiteFieldsFragment } from "../../generated/graphql";

graphql(`
  fragment PrerequisiteFields on ReportDetails {
    prerequisites {
      phase
      name
      need
      have
    }
  }
`);

/** Compares dotted or decimal module versions well enough to flag what is missing or too old. */
export function satisfied(need: string, have: string | null | undefined): boolean {
  if (have == null || have === "" || /^(n\/a|missing)$/i.test(have)) return false;
  const parts = (v: string) =>
    v
      .replace(/^v/, "")
      .replace(/_/g, "")
      .split(".")
      .map((p) => Number(p) || 0);
  const [a, b] = [parts(have), parts(need)];
  // Decimal versions (1.5 vs 1.25) compare as numbers; dotted ones part by part.
  if (a.length <= 2 && b.length <= 2 && !/^v/.test(need) && !/^v/.test(have)) return Number(have) >= Number(need);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const diff = (a[i] ?? 0) - (b[i] ?? 0);
    if (diff !== 0) return diff > 0;
  }
  return true;
}

export function Prerequisites({ details }: { details: PrerequisiteFieldsFragment }) {
  if (details.prerequisites.length === 0) return null;
  return (
    <section>
      <h2>Prerequisites</h2>
      <table className="compact">
        <thead>
          <tr>
            <th scope="col">Phase</th>
            <th scope="col">Module</th>
            <th scope="col">Need</th>
            <th scope="col">Have</th>
          </tr>
        </thead>
        <tbody>
          {details.prerequisites.map((p) => {
            const ok = satisfied(p.need, p.have);
            return (
              <tr key={`${p.phase}:${p.name}`} className={ok ? undefined : "unsatisfied"}>
                <td>{p.phase}</td>
                <td>{p.name}</td>
                <td>{p.need}</td>
                <td>
                  {p.have ?? "missing"}
                  {!ok && (
                    <span className="flag">
                      {" "}
                      <span aria-hidden="true">✗</span> unsatisfied
                    </span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
