import { useEffect, useRef } from "react";
import type { HomePageQuery } from "../../generated/graphql";

type Day = HomePageQuery["statistics"]["reportsPerDay"][number];

/** Every day from `from` to `to` (UTC), with zeros where there were no reports. */
export function fillDays(days: Day[], from: string, to: string) {
  const byDay = new Map(days.map((d) => [d.period, d]));
  const filled: { day: string; pass: number; fail: number; other: number }[] = [];
  for (
    let date = new Date(`${from}T00:00:00Z`);
    date.toISOString().slice(0, 10) <= to;
    date.setUTCDate(date.getUTCDate() + 1)
  ) {
    const day = date.toISOString().slice(0, 10);
    const d = byDay.get(day);
    filled.push({ day, pass: d?.pass ?? 0, fail: d?.fail ?? 0, other: (d?.na ?? 0) + (d?.unknown ?? 0) });
  }
  return filled;
}

/**
 * Reports per day as a small chart. uPlot draws it on a canvas once the page is live (its code is
 * loaded only then); the table beside it carries the same numbers for screen readers and for
 * readers without JavaScript.
 */
export function DayChart({ days, from, to }: { days: Day[]; from: string; to: string }) {
  const box = useRef<HTMLDivElement>(null);
  const filled = fillDays(days, from, to);
  const key = JSON.stringify(filled);
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    let chart: { destroy(): void } | undefined;
    let cancelled = false;
    void import("./uplot-chart").then(({ drawDayChart }) => {
      if (!cancelled) chart = drawDayChart(element, fillDays(days, from, to));
    });
    return () => {
      cancelled = true;
      chart?.destroy();
    };
  }, [key]);
  return (
    <figure className="day-chart">
      <div ref={box} className="chart-box" aria-hidden="true" />
      <figcaption className="muted">Reports per day, the last {filled.length} days (UTC)</figcaption>
      <table className="visually-hidden">
        <thead>
          <tr>
            <th scope="col">Day</th>
            <th scope="col">Pass</th>
            <th scope="col">Fail</th>
            <th scope="col">Other</th>
          </tr>
        </thead>
        <tbody>
          {filled.map((d) => (
            <tr key={d.day}>
              <td>{d.day}</td>
              <td>{d.pass}</td>
              <td>{d.fail}</td>
              <td>{d.other}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
