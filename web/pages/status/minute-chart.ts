import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";

const cssVar = (name: string) => getComputedStyle(document.documentElement).getPropertyValue(name).trim();
const MINUTE = 60;
const DAY_MINUTES = 24 * 60;

/** Two lines over every minute of the last day, zeros where nothing happened. */
export function drawMinuteChart(
  element: HTMLElement,
  minutes: { minute: string; received: number; processed: number }[],
  checkedAt: string,
): uPlot {
  const end = Math.floor(Date.parse(checkedAt) / 1000 / MINUTE) * MINUTE;
  const byMinute = new Map(minutes.map((m) => [Date.parse(m.minute) / 1000, m]));
  const x: number[] = [];
  const received: number[] = [];
  const processed: number[] = [];
  for (let t = end - (DAY_MINUTES - 1) * MINUTE; t <= end; t += MINUTE) {
    const m = byMinute.get(t);
    x.push(t);
    received.push(m?.received ?? 0);
    processed.push(m?.processed ?? 0);
  }
  const text = cssVar("--muted");
  const grid = cssVar("--border");
  return new uPlot(
    {
      width: element.clientWidth || 600,
      height: 180,
      legend: { show: true },
      cursor: { show: true, points: { show: false } },
      scales: { x: { time: true } },
      axes: [
        { stroke: text, grid: { stroke: grid, width: 1 }, ticks: { show: false } },
        { stroke: text, grid: { stroke: grid, width: 1 }, ticks: { show: false }, size: 50 },
      ],
      series: [
        {},
        { label: "received", stroke: cssVar("--accent"), width: 1.5, points: { show: false } },
        { label: "processed", stroke: cssVar("--pass"), width: 1.5, points: { show: false } },
      ],
    },
    [x, received, processed],
    element,
  );
}
