import { Num, percent } from "./format";

export interface Counts {
  pass: number;
  fail: number;
  na: number;
  unknown: number;
  total: number;
}

/**
 * The background of a matrix cell (with the class `shared`): from orange (all fail) to blue (all
 * pass), a pair that colour-blind readers tell apart too; the cell always shows its numbers as
 * well. Only the share is written into each cell: the stylesheet mixes the colours, which keeps
 * a large matrix's HTML small.
 */
export function shareStyle(counts: Counts): React.CSSProperties | undefined {
  if (counts.total === 0) return undefined;
  return { "--share": `${Math.round((counts.pass / counts.total) * 100)}%` } as React.CSSProperties;
}

export function describeCounts(counts: Counts): string {
  return `${counts.pass} pass, ${counts.fail} fail, ${counts.na} n/a, ${counts.unknown} unknown`;
}

/**
 * The numbers inside a cell: the pass share, then passes and failures, each with its symbol
 * (and its word, for screen readers, which read the cell as "75% 3 pass 1 fail").
 */
export function CellCounts({ counts }: { counts: Counts }) {
  const other = counts.na + counts.unknown;
  return (
    <>
      <span className="cell-share">{percent(counts.pass, counts.total)}</span>
      <span className="cell-counts">
        <span className="grade-pass">
          <span aria-hidden="true">✓</span>
          <Num value={counts.pass} />
          <span className="visually-hidden"> pass</span>
        </span>{" "}
        <span className="grade-fail">
          <span aria-hidden="true">✗</span>
          <Num value={counts.fail} />
          <span className="visually-hidden"> fail</span>
        </span>
        {other > 0 && (
          <>
            {" "}
            <span className="grade-na">
              <span aria-hidden="true">⊘</span>
              <Num value={other} />
              <span className="visually-hidden"> other</span>
            </span>
          </>
        )}
      </span>
    </>
  );
}
