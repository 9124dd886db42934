import { measureHttp } from "../harness/measure.js";
import { TRACE_SAMPLE_RATIO } from "../harness/targets.js";
import { TraceSink } from "../harness/trace-sink.js";
import type { Figure, ResultRow } from "../harness/results.js";
import { measureHttpIntake } from "../intake/http-intake.js";
import { v3Protocol } from "../intake/protocols.js";
import { READS } from "../reads/index.js";
import type { BenchContext, Scenario } from "../scenario.js";
import { requestsFor } from "./reads.scenario.js";

/** Sequential requests per case: latency of one at a time, not throughput. */
const REQUESTS = { full: 400, smoke: 20 };
/** Rounds of the three sides, each round in another order (ORDERS). */
const ROUNDS = { full: 6, smoke: 1 };
/** The read whose throughput is compared: a hot point read, where any per-request cost shows most. */
const READ = "release-summary";
/** Reports per intake run, cycled through (ids are unique per request). */
const INTAKE_POOL = 200;
/** Most of its throughput that collecting metrics may cost (issue #17). */
const TARGET_COST = 0.03;

const STATUS_QUERY = JSON.stringify({
  query:
    "{ systemStatus { healthy components { kind state } minutes { minute received processed } waitingDocuments lagSeconds lagP99Seconds } }",
});

type Side = "graphql" | "graphql-metrics-off" | "graphql-tracing";
const SIDES: Side[] = ["graphql", "graphql-metrics-off", "graphql-tracing"];
/** The six orders of the three sides. */
const ORDERS: Side[][] = SIDES.flatMap((first) =>
  SIDES.filter((side) => side !== first).map((second) => [
    first,
    second,
    ...SIDES.filter((side) => side !== first && side !== second),
  ]),
);
const SIDE_LABEL: Record<Side, string> = {
  graphql: "metrics on (as shipped)",
  "graphql-metrics-off": "METRICS=off",
  "graphql-tracing": `metrics and tracing on (OTLP, ${TRACE_SAMPLE_RATIO * 100}% of traces sampled)`,
};

export const scenario: Scenario = {
  name: "observability",
  summary:
    "What watching the platform costs: read and intake throughput with Prometheus metrics on, and with OpenTelemetry " +
    "traces exported over OTLP too, against the same platform with METRICS=off, alternated in the same run; then a /metrics scrape and a systemStatus query, one at a time, " +
    "beside /healthz (the cost of any request) on the same server.",
  order: 40,
  async run(context) {
    const rounds = context.options.smoke ? ROUNDS.smoke : ROUNDS.full;
    const read = READS.find((candidate) => candidate.name === READ);
    const requests = read && requestsFor(read, "graphql", context.readParams.get(READ) ?? []);
    if (!requests) throw new Error(`the ${READ} read has no GraphQL operation on this build`);
    const reads: Record<Side, Figure[]> = { graphql: [], "graphql-metrics-off": [], "graphql-tracing": [] };
    const intake: Record<Side, Figure[]> = { graphql: [], "graphql-metrics-off": [], "graphql-tracing": [] };
    const sink = await TraceSink.start();
    const reports = Array.from({ length: INTAKE_POOL }, (_, i) =>
      context.generator.reportAt(context.generator.size + i),
    );
    try {
      for (let round = 0; round < rounds; round++) {
        // Every order of the sides once in six rounds: a machine warming up or slowing down over
        // the run, or a slot that is always slower, favours none of them.
        for (const side of ORDERS[round % ORDERS.length] ?? SIDES) {
          context.say(`  ${READ}, ${SIDE_LABEL[side]} (round ${round + 1} of ${rounds})`);
          const server = await context.server(side);
          const { figure } = await measureHttp(context.load, server, SIDE_LABEL[side], requests, context.options, true);
          reads[side].push(figure);
          context.say(`  intake, ${SIDE_LABEL[side]} (round ${round + 1} of ${rounds})`);
          const outcome = await measureHttpIntake(
            context,
            await context.scratchDatabase(),
            v3Protocol(reports),
            "embedded",
            side,
          );
          if ("missing" in outcome) throw new Error(outcome.missing);
          intake[side].push(outcome.acknowledged);
        }
      }
    } finally {
      await sink.stop();
    }
    const rows: ResultRow[] = [
      costRow(`${READ} read throughput, metrics (and tracing) on vs off (target: at most 3% lower)`, reads),
      costRow(
        "v3 intake throughput (acknowledged), metrics (and tracing) on vs off (target: at most 3% lower)",
        intake,
      ),
    ];
    const notes = [
      `traces: ${sink.exports.toLocaleString("en-US")} OTLP exports, ${(sink.bytes / 1e6).toFixed(1)} MB, taken by a sink that answers at once`,
      `${rounds} round(s), each side in every slot of the order in turn, each ${context.options.durationSeconds} s after ${context.options.warmupSeconds} s of warm-up; figures are the rounds' mean`,
    ];
    rows.push(...(await latencyRows(context, notes)));
    return { rows, notes };
  },
};

/** Metrics on, and metrics with tracing, each beside off as the baseline, throughput averaged over the rounds. */
function costRow(name: string, figures: Record<Side, Figure[]>): ResultRow {
  const on = mean(figures.graphql, SIDE_LABEL.graphql);
  const off = mean(figures["graphql-metrics-off"], SIDE_LABEL["graphql-metrics-off"]);
  const traced = mean(figures["graphql-tracing"], SIDE_LABEL["graphql-tracing"]);
  const note = [costNote(figures, "graphql"), costNote(figures, "graphql-tracing")].join("; ");
  return { case: name, subject: on, baselines: [off, traced], note };
}

function costNote(figures: Record<Side, Figure[]>, side: "graphql" | "graphql-tracing"): string {
  const on = mean(figures[side], "").throughput ?? 0;
  const off = mean(figures["graphql-metrics-off"], "").throughput ?? 0;
  if (off === 0) return "no throughput measured";
  const cost = 1 - on / off;
  const verdict = cost <= TARGET_COST ? "within" : "over";
  // Each round's figure: their spread says how much of the ratio is the machine's noise.
  const rounds = (of: Side) => figures[of].map((figure) => Math.round(figure.throughput ?? 0)).join(", ");
  return (
    `${SIDE_LABEL[side]} / off = ${(on / off).toFixed(3)} (cost ${(cost * 100).toFixed(1)}%, ${verdict} the 3% target; ` +
    `rounds: ${rounds(side)} against ${rounds("graphql-metrics-off")})`
  );
}

function mean(figures: Figure[], contender: string): Figure {
  const average = (pick: (figure: Figure) => number | undefined) =>
    figures.reduce((sum, figure) => sum + (pick(figure) ?? 0), 0) / Math.max(1, figures.length);
  return {
    contender,
    throughput: average((figure) => figure.throughput),
    unit: figures[0]?.unit ?? "req/s",
    medianMs: average((figure) => figure.medianMs),
    p99Ms: average((figure) => figure.p99Ms),
    requests: figures.reduce((sum, figure) => sum + (figure.requests ?? 0), 0),
    errors: figures.reduce((sum, figure) => sum + (figure.errors ?? 0), 0),
  };
}

/** The scrape and systemStatus, one request at a time, on the platform with metrics on. */
async function latencyRows(context: BenchContext, notes: string[]): Promise<ResultRow[]> {
  const server = await context.server("graphql");
  const n = context.options.smoke ? REQUESTS.smoke : REQUESTS.full;
  const health = await timed(n, () => fetch(`${server.url}/healthz`));
  const scrape = await timed(n, () => fetch(`${server.url}/metrics`));
  const status = await timed(n, () =>
    fetch(`${server.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: STATUS_QUERY,
    }),
  );
  const healthFigure = figure("GET /healthz", health);
  notes.push(
    `${n} sequential requests per latency case; systemStatus is recomputed at most every 5 s, so most are served from its cache`,
  );
  return [
    {
      case: "GET /metrics (target: under 50 ms)",
      subject: figure("platform /metrics", scrape),
      baselines: [healthFigure],
    },
    {
      case: "systemStatus (target: p99 under 10 ms)",
      subject: figure("platform systemStatus", status),
      baselines: [healthFigure],
    },
  ];
}

interface Timings {
  ms: number[];
  errors: number;
}

async function timed(n: number, request: () => Promise<Response>): Promise<Timings> {
  const ms: number[] = [];
  let errors = 0;
  for (let i = 0; i < n; i++) {
    const started = performance.now();
    const response = await request();
    await response.arrayBuffer();
    ms.push(performance.now() - started);
    if (!response.ok) errors += 1;
  }
  return { ms: ms.sort((a, b) => a - b), errors };
}

function figure(contender: string, { ms, errors }: Timings): Figure {
  const at = (q: number) => ms[Math.min(ms.length - 1, Math.ceil(ms.length * q) - 1)] ?? 0;
  return { contender, medianMs: at(0.5), p99Ms: at(0.99), requests: ms.length, errors };
}
