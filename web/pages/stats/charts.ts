import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";

const cssVar = (name: string) => getComputedStyle(document.documentElement).getPropertyValue(name).trim();

/** One line or stack of a chart: its label, colour and a value per point of the x axis. */
export interface ChartSeries {
  label: string;
  /** A colour, or the name of the page's CSS variable that holds one (`--fail`). */
  colour: string;
  values: number[];
}

const colourOf = (colour: string) => (colour.startsWith("--") ? cssVar(colour) : colour);

function axes(): uPlot.Axis[] {
  const text = cssVar("--muted");
  const grid = cssVar("--border");
  return [
    { stroke: text, grid: { stroke: grid, width: 1 }, ticks: { show: false } },
    { stroke: text, grid: { stroke: grid, width: 1 }, ticks: { show: false }, size: 60 },
  ];
}

/** Months (first days, YYYY-MM-DD) as uPlot's x values (Unix seconds). */
const monthsToX = (months: string[]) => months.map((month) => Date.parse(`${month}T00:00:00Z`) / 1000);

/** Stacked monthly bars: each series is drawn over the sum of those after it. */
export function drawStackedMonths(element: HTMLElement, months: string[], stacks: ChartSeries[]): uPlot {
  const bars = uPlot.paths.bars?.({ size: [0.7, 40] });
  const sums = stacks.map((_, index) =>
    months.map((_, point) => stacks.slice(index).reduce((sum, stack) => sum + (stack.values[point] ?? 0), 0)),
  );
  return new uPlot(
    {
      width: element.clientWidth || 600,
      height: 200,
      legend: { show: true },
      cursor: { points: { show: false } },
      scales: { x: { time: true } },
      axes: axes(),
      series: [
        {},
        ...stacks.map((stack): uPlot.Series => ({
          label: stack.label,
          stroke: colourOf(stack.colour),
          fill: colourOf(stack.colour),
          width: 0,
          ...(bars ? { paths: bars } : {}),
          points: { show: false },
        })),
      ],
    },
    [monthsToX(months), ...sums],
    element,
  );
}

/** Lines over months, one per series, with a legend. */
export function drawMonthLines(element: HTMLElement, months: string[], lines: ChartSeries[]): uPlot {
  return new uPlot(
    {
      width: element.clientWidth || 600,
      height: 200,
      legend: { show: true },
      scales: { x: { time: true } },
      axes: axes(),
      series: [
        {},
        ...lines.map((line): uPlot.Series => ({ label: line.label, stroke: colourOf(line.colour), width: 2 })),
      ],
    },
    [monthsToX(months), ...lines.map((line) => line.values)],
    element,
  );
}
