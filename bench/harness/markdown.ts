import type { BenchRun, Figure, ResultRow, ScenarioResult } from "./results.js";

/** The run as Markdown: the machine, the data, then one table per scenario. */
export function formatRun(run: BenchRun): string {
  const { machine, data } = run;
  const lines = [
    `# Benchmark run ${run.startedAt}`,
    "",
    `Machine: ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGiB} GiB RAM, ${machine.os}, Node ${machine.node}, ${machine.database}.`,
    `Data: ${data.size.toLocaleString("en-US")} reports (seed ${data.seed}) on ${data.database}, ${
      data.reused
        ? "reused from an earlier load"
        : `loaded in ${fixed(data.loadSeconds, 0)} s (${fixed(data.reportsPerSecond, 0)} reports/s)`
    }.`,
    `Load: ${run.load.tool} with ${run.load.connections} connections${
      run.load.intakeConnections ? ` (intake: ${run.load.intakeConnections})` : ""
    }, from a process of its own.`,
    "",
  ];
  for (const scenario of run.scenarios) lines.push(...formatScenario(scenario), "");
  return lines.join("\n");
}

const METRICS: readonly { key: keyof Figure; title: string; digits: number }[] = [
  { key: "medianMs", title: "median ms", digits: 2 },
  { key: "p99Ms", title: "p99 ms", digits: 2 },
  { key: "throughput", title: "throughput", digits: 0 },
  { key: "rssIdleMiB", title: "RSS idle MiB", digits: 0 },
  { key: "rssLoadMiB", title: "RSS load MiB", digits: 0 },
];

export function formatScenario(scenario: ScenarioResult): string[] {
  const lines = [`## ${scenario.name}`, "", scenario.summary, ""];
  if (scenario.error) lines.push(`**Failed:** ${scenario.error}`, "");
  const figures = scenario.rows.flatMap((row) => [row.subject, ...row.baselines]).filter((f): f is Figure => !!f);
  const metrics = METRICS.filter(({ key }) => figures.some((figure) => figure[key] !== undefined));
  if (scenario.rows.length > 0) {
    lines.push(
      `| case | contender | ${metrics.map((m) => m.title).join(" | ")} | subject ÷ this |`,
      `|---|---|${metrics.map(() => "--:").join("|")}|---|`,
    );
    for (const row of scenario.rows) lines.push(...formatRow(row, metrics));
    lines.push("");
  }
  const notes = [...scenario.notes, ...scenario.rows.flatMap((row) => (row.note ? [`${row.case}: ${row.note}`] : []))];
  for (const note of notes) lines.push(`- ${note}`);
  return lines;
}

function formatRow(row: ResultRow, metrics: typeof METRICS): string[] {
  const cells = (figure: Figure) =>
    metrics.map(({ key, digits }) => {
      const value = figure[key];
      if (typeof value !== "number") return "";
      return key === "throughput" ? `${fixed(value, digits)} ${figure.unit ?? ""}`.trim() : fixed(value, digits);
    });
  const errors = (figure: Figure) => (figure.errors ? ` (${figure.errors} errors)` : "");
  const lines: string[] = [];
  const subject = row.subject;
  if (subject)
    lines.push(`| ${row.case} | **${subject.contender}**${errors(subject)} | ${cells(subject).join(" | ")} | |`);
  else lines.push(`| ${row.case} | *(platform: not yet)* | ${metrics.map(() => "").join(" | ")} | |`);
  for (const baseline of row.baselines) {
    const ratio = subject ? ratios(subject, baseline) : "";
    lines.push(
      `| ${subject ? "" : row.case} | ${baseline.contender}${errors(baseline)} | ${cells(baseline).join(" | ")} | ${ratio} |`,
    );
  }
  return lines;
}

/** Throughput and median (or memory) of the subject as multiples of the baseline's. */
export function ratios(subject: Figure, baseline: Figure): string {
  const parts: string[] = [];
  const ratio = (a?: number, b?: number) =>
    a !== undefined && b !== undefined && b > 0 ? `${fixed(a / b, 2)}×` : undefined;
  const throughput = ratio(subject.throughput, baseline.throughput);
  const median = ratio(subject.medianMs, baseline.medianMs);
  const idle = ratio(subject.rssIdleMiB, baseline.rssIdleMiB);
  const load = ratio(subject.rssLoadMiB, baseline.rssLoadMiB);
  if (throughput) parts.push(`throughput ${throughput}`);
  if (median) parts.push(`median ${median}`);
  if (idle) parts.push(`RSS idle ${idle}`);
  if (load) parts.push(`RSS load ${load}`);
  return parts.join(", ");
}

function fixed(value: number | undefined, digits: number): string {
  if (value === undefined || !Number.isFinite(value)) return "–";
  return value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}
