import type { Figure } from "../harness/results.js";
import type { Scenario } from "../scenario.js";

/** Sequential requests per case: latency of one at a time, not throughput. */
const REQUESTS = { full: 400, smoke: 20 };

const STATUS_QUERY = JSON.stringify({
  query:
    "{ systemStatus { healthy components { kind state } minutes { minute received processed } waitingDocuments lagSeconds lagP99Seconds } }",
});

export const scenario: Scenario = {
  name: "observability",
  summary:
    "What watching the platform costs: a /metrics scrape and a systemStatus query, one at a time against the platform " +
    "on the loaded database, beside /healthz (the cost of any request) on the same server.",
  order: 40,
  async run(context) {
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
    return {
      rows: [
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
      ],
      notes: [
        `${n} sequential requests per case; systemStatus is recomputed at most every 5 s, so most are served from its cache`,
      ],
    };
  },
};

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
