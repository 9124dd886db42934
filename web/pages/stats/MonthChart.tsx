import { useEffect, useRef, type ReactNode } from "react";
import type { ChartSeries } from "./charts";

/** Colours for lines that are not grades: Okabe and Ito's, told apart by colour-blind readers too. */
export const LINE_COLOURS = ["#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#f0e442", "#999999"];

/**
 * A chart over months, drawn by uPlot on a canvas once the page is live (its code is loaded only
 * then). `children` is the table with the same numbers, for screen readers and readers without
 * JavaScript; the canvas is decoration for them.
 */
export function MonthChart({
  kind,
  months,
  series,
  caption,
  children,
}: {
  kind: "stacked" | "lines";
  months: string[];
  series: ChartSeries[];
  caption: string;
  children: ReactNode;
}) {
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
        <div className="table-wrap">{children}</div>
      </details>
    </figure>
  );
}
