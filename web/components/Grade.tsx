import type { Grade as GradeValue } from "../generated/graphql";

/** Each grade has a shape and a word as well as a colour, so colour never carries it alone. */
export const GRADES: Record<GradeValue, { label: string; symbol: string; className: string }> = {
  PASS: { label: "pass", symbol: "✓", className: "grade-pass" },
  FAIL: { label: "fail", symbol: "✗", className: "grade-fail" },
  NA: { label: "n/a", symbol: "⊘", className: "grade-na" },
  UNKNOWN: { label: "unknown", symbol: "?", className: "grade-unknown" },
};

export const GRADE_ORDER: GradeValue[] = ["PASS", "FAIL", "NA", "UNKNOWN"];

export function Grade({ grade }: { grade: GradeValue }) {
  const { label, symbol, className } = GRADES[grade];
  return (
    <span className={`grade ${className}`}>
      <span aria-hidden="true">{symbol}</span> {label}
    </span>
  );
}
