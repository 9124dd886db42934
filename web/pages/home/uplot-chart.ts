import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";

const cssVar = (name: string) => getComputedStyle(document.documentElement).getPropertyValue(name).trim();

/** Stacked daily bars: passes, failures on top, the rest above, in the page's palette. */
export function drawDayChart(
  element: HTMLElement,
  days: { day: string; pass: number; fail: number; other: number }[],
): uPlot {
  const x = days.map((d) => Date.parse(`${d.day}T00:00:00Z`) / 1000);
  const pass = days.map((d) => d.pass);
  const passFail = days.map((d) => d.pass + d.fail);
  const all = days.map((d) => d.pass + d.fail + d.other);
  const bars = uPlot.paths.bars?.({ size: [0.7, 24] });
  const text = cssVar("--muted");
  const grid = cssVar("--border");
  const series = (label: string, colour: string): uPlot.Series => ({
    label,
    stroke: colour,
    fill: colour,
    width: 0,
    ...(bars ? { paths: bars } : {}),
    points: { show: false },
  });
  // Drawn back to front: the total first, so each smaller stack is painted over it.
  return new uPlot(
    {
      width: element.clientWidth || 600,
      height: 160,
      legend: { show: false },
      cursor: { show: true, points: { show: false } },
      scales: { x: { time: true } },
      axes: [
        { stroke: text, grid: { stroke: grid, width: 1 }, ticks: { show: false } },
        { stroke: text, grid: { stroke: grid, width: 1 }, ticks: { show: false }, size: 50 },
      ],
      series: [{}, series("other", cssVar("--na")), series("fail", cssVar("--fail")), series("pass", cssVar("--pass"))],
    },
    [x, all, passFail, pass],
    element,
  );
}
