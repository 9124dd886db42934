import { useEffect, useRef } from "react";
import { Num } from "../../components/format";
import type { ChartSeries } from "./charts";

/** Colours for lines that are not grades: Okabe and Ito's, told apart by colour-blind readers too. */
export const LINE_COLOURS = ["#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#f0e442", "#999999"];

/** One column of a chart's numbers: a value per month. */
export interface MonthColumn {
  label: string;
  values: number[];
  /** Drawn on the chart in this colour (or CSS variable); without one, the column is in the table only. */
  colour?: string;
  /** The change from the month before (a fraction), shown beside each value where known. */
  changes?: (number | null | undefined)[];
}

/**
 * A chart over months, drawn by uPlot on a canvas once the page is live (its code is loaded only
 * then), above the table of the same numbers, for screen readers and readers without JavaScript;
 * the canvas is decoration for them.
 */
export function MonthChart({
  kind,
  months,
  columns,
  caption,
}: {
  kind: "stacked" | "lines";
  months: string[];
  columns: MonthColumn[];
  caption: string;
}) {
  const series: ChartSeries[] = columns.flatMap(({ label, colour, values }) =>
    colour ? [{ label, colour, values }] : [],
  );
  const box = useRef<HTMLDivElement>(null);
  const latest = useRef(series);
  latest.current = series;
  const key = JSON.stringify([kind, months, series]);
  useEffect(() => {
    const element = box.current;
    if (!element || months.length === 0) return;
    let chart: { destroy(): void } | undefined;
    let cancelled = false;
    void import("./charts").then(({ drawMonthLines, drawStackedMonths }) => {
      if (cancelled) return;
      const draw = kind === "stacked" ? drawStackedMonths : drawMonthLines;
      chart = draw(element, months, latest.current);
    });
    return () => {
      cancelled = true;
      chart?.destroy();
    };
  }, [key]);
  return (
    <figure className="stats-chart">
      <div ref={box} className="chart-box" aria-hidden="true" />
      <figcaption className="muted">{caption}</figcaption>
      <details>
        <summary>The numbers</summary>
        <div className="table-wrap">
          <MonthTable months={months} columns={columns} />
        </div>
      </details>
    </figure>
  );
}

function MonthTable({ months, columns }: { months: string[]; columns: MonthColumn[] }) {
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">Month</th>
          {columns.map((column) => (
            <th scope="col" key={column.label}>
              {column.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {months.map((month, index) => (
          <tr key={month}>
            <th scope="row">{month.slice(0, 7)}</th>
            {columns.map((column) => {
              const change = column.changes?.[index];
              return (
                <td key={column.label}>
                  <Num value={column.values[index] ?? 0} />
                  {change != null && (
                    <span className={change < 0 ? "muted change down" : "muted change up"}>
                      {" "}
                      ({change >= 0 ? "+" : ""}
                      {(change * 100).toFixed(0)}%)
                    </span>
                  )}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
