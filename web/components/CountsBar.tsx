import { graphql } from "../generated/gql";
import type { GradeCountsFieldsFragment } from "../generated/graphql";
import { Num } from "./format";
import { GRADE_ORDER, GRADES } from "./Grade";

graphql(`
  fragment GradeCountsFields on GradeCounts {
    pass
    fail
    na
    unknown
    total
  }
`);

const key = { PASS: "pass", FAIL: "fail", NA: "na", UNKNOWN: "unknown" } as const;

/** A release's counts as a pass/fail bar with the numbers beside it (the bar is decoration). */
export function CountsBar({ counts }: { counts: GradeCountsFieldsFragment }) {
  const { total } = counts;
  return (
    <span className="counts">
      <span className="bar" aria-hidden="true">
        {total > 0 &&
          GRADE_ORDER.map((grade) => {
            const share = counts[key[grade]] / total;
            return share > 0 ? (
              <span
                key={grade}
                className={`bar-part ${GRADES[grade].className}`}
                style={{ width: `${share * 100}%` }}
              />
            ) : null;
          })}
      </span>
      <span className="count-list">
        {GRADE_ORDER.map((grade) => (
          <span key={grade} className={`count ${GRADES[grade].className}`} title={GRADES[grade].label}>
            <span aria-hidden="true">{GRADES[grade].symbol}</span>
            <span className="visually-hidden">{GRADES[grade].label}</span> <Num value={counts[key[grade]]} />
          </span>
        ))}
      </span>
    </span>
  );
}
