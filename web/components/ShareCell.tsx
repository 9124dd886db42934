import { Num, percent } from "./format";

export interface Counts {
  pass: number;
  fail: number;
  na: number;
  unknown: number;
  total: number;
}

/**
 * The background of a matrix cell: from orange (all fail) to blue (all pass), a pair that
 * colour-blind readers tell apart too; the cell always shows its numbers as well.
 */
export function shareStyle(counts: Counts): React.CSSProperties | undefined {
  if (counts.total === 0) return undefined;
  const share = Math.round((counts.pass / counts.total) * 100);
  return { background: `color-mix(in oklab, var(--pass-bg) ${share}%, var(--fail-bg))` };
}

export function describeCounts(counts: Counts): string {
  return `${counts.pass} pass, ${counts.fail} fail, ${counts.na} n/a, ${counts.unknown} unknown`;
}

/** The numbers inside a cell: the pass share, then passes and failures. */
export function CellCounts({ counts }: { counts: Counts }) {
  return (
    <>
      <span className="cell-share">{percent(counts.pass, counts.total)}</span>
      <span className="cell-counts">
        <span className="grade-pass">
          <span aria-hidden="true">✓</span>
          <Num value={counts.pass} />
        </span>{" "}
        <span className="grade-fail">
          <span aria-hidden="true">✗</span>
          <Num value={counts.fail} />
        </span>
        {counts.na + counts.unknown > 0 && (
          <>
            {" "}
            <span className="grade-na">
              <span aria-hidden="true">⊘</span>
              <Num value={counts.na + counts.unknown} />
            </span>
          </>
        )}
      </span>
    </>
  );
}
