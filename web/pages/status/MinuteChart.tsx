import { useEffect, useRef } from "react";
import type { StatusPageQuery } from "../../generated/graphql";

type Minute = StatusPageQuery["systemStatus"]["minutes"][number];

/** The last 24 hours in hours: minutes added up per hour, for the table that readers without the chart get. */
export function hourly(minutes: Minute[]): { hour: string; received: number; processed: number }[] {
  const byHour = new Map<string, { hour: string; received: number; processed: number }>();
  for (const m of minutes) {
    const hour = `${m.minute.slice(0, 13)}:00`;
    const row = byHour.get(hour) ?? { hour, received: 0, processed: 0 };
    row.received += m.received;
    row.processed += m.processed;
    byHour.set(hour, row);
  }
  return [...byHour.values()];
}

/**
 * Received and processed per minute as two lines (uPlot on a canvas, loaded once the page is
 * live); the hourly table carries the same numbers for screen readers and readers without JavaScript.
 */
export function MinuteChart({ minutes, checkedAt }: { minutes: Minute[]; checkedAt: string }) {
  const box = useRef<HTMLDivElement>(null);
  const key = `${minutes.length}:${minutes.at(-1)?.minute ?? ""}:${minutes.at(-1)?.processed ?? 0}`;
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    let chart: { destroy(): void } | undefined;
    let cancelled = false;
    void import("./minute-chart").then(({ drawMinuteChart }) => {
      if (!cancelled) chart = drawMinuteChart(element, minutes, checkedAt);
    });
    return () => {
      cancelled = true;
      chart?.destroy();
    };
  }, [key]);
  const hours = hourly(minutes);
  return (
    <figure className="day-chart">
      <div ref={box} className="chart-box" aria-hidden="true" />
      <figcaption className="muted">Received and processed per minute (UTC)</figcaption>
      <table className="visually-hidden">
        <thead>
          <tr>
            <th scope="col">Hour</th>
            <th scope="col">Received</th>
            <th scope="col">Processed</th>
          </tr>
        </thead>
        <tbody>
          {hours.map((h) => (
            <tr key={h.hour}>
              <td>{h.hour}</td>
              <td>{h.received}</td>
              <td>{h.processed}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
