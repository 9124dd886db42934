import { readFileSync } from "node:fs";
import { graphqlRequest, measureHttp } from "../harness/measure.js";
import type { RunningChild } from "../harness/process.js";
import type { Figure, ResultRow } from "../harness/results.js";
import { READS } from "../reads/index.js";
import type { GraphQLCall } from "../reads/read.types.js";
import type { Scenario } from "../scenario.js";

/** What one anonymous request cost the server: the bounds say at most 1 s of CPU and 50 MB. */
interface Cost {
  probe: string;
  status: number;
  wallMs: number;
  cpuMs: number;
  responseBytes: number;
  rssMiB: number;
}

/** Connections of the overload case: far more than two cores can serve at once. */
const OVERLOAD_CONNECTIONS = 500;

export const scenario: Scenario = {
  name: "abuse",
  summary:
    "The heaviest anonymous requests an attacker can send (many aliases of the heaviest fields, huge or cyclic " +
    "documents) measured one at a time in server CPU, response size and memory beside a plain read; then the mixed " +
    `reads at ${OVERLOAD_CONNECTIONS} connections, where load shedding must keep the p99 bounded, beside the same reads at the usual connections.`,
  order: 30,
  async run(context) {
    const server = await context.server("graphql-uncached");
    const costs: Cost[] = [];
    const heaviest = await Promise.all(
      HEAVY_FIELDS.map(async ([name, field]) => {
        const count = await mostAccepted(server, field);
        return [`heaviest accepted: ${count} × ${name}`, JSON.stringify({ query: aliases(count, field) })] as const;
      }),
    );
    for (const [probe, body] of [...probes(context.options.smoke), ...heaviest]) {
      const cost = await measureOne(server, probe, body);
      context.say(
        `  ${probe}: ${cost.status}, ${cost.wallMs.toFixed(0)} ms, ${cost.cpuMs} ms CPU, ` +
          `${(cost.responseBytes / 1024).toFixed(0)} KiB, RSS ${cost.rssMiB.toFixed(0)} MiB`,
      );
      costs.push(cost);
    }
    const [plain, ...heavy] = costs;
    if (!plain) throw new Error("no probe ran");
    const worst = heavy.reduce((a, b) => (b.cpuMs > a.cpuMs ? b : a), plain);
    const largest = heavy.reduce((a, b) => (b.responseBytes > a.responseBytes ? b : a), plain);
    const rows: ResultRow[] = heavy.map((cost) => ({
      case: `anonymous: ${cost.probe}`,
      subject: costFigure(cost),
      baselines: [costFigure(plain)],
      note: `HTTP ${cost.status}, ${cost.cpuMs} ms CPU, ${(cost.responseBytes / 1e6).toFixed(2)} MB, RSS ${cost.rssMiB.toFixed(0)} MiB`,
    }));

    const reads = READS.flatMap((read) => {
      const operation = read.graphql;
      if ("missing" in operation) return [];
      return (context.readParams.get(read.name) ?? []).map((params) => {
        const call: GraphQLCall = operation(params);
        return graphqlRequest(call.query, call.variables);
      });
    });
    context.say(`  mixed reads at ${context.options.connections} connections`);
    const usual = await measureHttp(context.load, server, "platform, usual load", reads, context.options, true);
    context.say(`  mixed reads at ${OVERLOAD_CONNECTIONS} connections`);
    const before = await acceptedLatencies(server);
    const overload = await measureHttp(
      context.load,
      server,
      `platform, ${OVERLOAD_CONNECTIONS} connections`,
      reads,
      { ...context.options, connections: OVERLOAD_CONNECTIONS },
      true,
    );
    const accepted = bucketP99(before, await acceptedLatencies(server));
    rows.push({
      case: `mixed reads, ${OVERLOAD_CONNECTIONS} connections`,
      subject: overload.figure,
      baselines: [usual.figure],
      note:
        `${overload.figure.errors ?? 0} of ${overload.figure.requests ?? 0} answers were errors (503 shed, with Retry-After); ` +
        `p99 of the answered (200) requests, from the server's histogram (warm-up included): ≤ ${accepted} s`,
    });
    return {
      rows,
      notes: [
        `worst anonymous request by CPU: ${worst.probe}, ${worst.cpuMs} ms CPU (bound: 1,000 ms); ` +
          `largest answer: ${largest.probe}, ${(largest.responseBytes / 1e6).toFixed(2)} MB (bound: 50 MB).`,
        "CPU is the server process's user+system time over the request (10 ms resolution), read from /proc.",
      ],
    };
  },
};

function costFigure(cost: Cost): Figure {
  return { contender: cost.probe, medianMs: cost.wallMs, p99Ms: cost.wallMs, rssLoadMiB: cost.rssMiB };
}

const REPORTS_TEXT = "reports(first: 100) { nodes { details { text } } }";
const PER_DAY = `reportsPerDay(from: "2025-01-01", to: "2025-12-31") { pass fail na unknown }`;
/** Fields an attacker would repeat under aliases, to find how many of each the limits let through. */
const HEAVY_FIELDS: [string, string][] = [
  ["reports(first: 100) with text", REPORTS_TEXT],
  ["statistics.reportsPerDay over a year", `statistics { ${PER_DAY} }`],
  ["reports(first: 100), every scalar", "reports(first: 100) { nodes { id guid grade dist version osname perl } }"],
];

const aliases = (count: number, field: string) =>
  `{ ${Array.from({ length: count }, (_, i) => `a${i}: ${field}`).join(" ")} }`;

/** The largest number of aliases of `field` the server runs rather than refuses, by bisection. */
async function mostAccepted(server: RunningChild, field: string): Promise<number> {
  let [low, high] = [0, 2_048];
  while (high - low > 1) {
    const middle = (low + high) >> 1;
    const response = await fetch(`${server.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: aliases(middle, field) }),
    });
    await response.arrayBuffer();
    if (response.status === 200) low = middle;
    else high = middle;
  }
  return Math.max(low, 1);
}

/** The probes, a plain read first: each body is sent once, as an attacker would, uncached. */
function probes(smoke: boolean): [string, string][] {
  const reportsText = REPORTS_TEXT;
  const cycle = (count: number) =>
    `{ ...F0 } ${Array.from({ length: count }, (_, i) => `fragment F${i} on Query { ...F${(i + 1) % count} }`).join(" ")}`;
  const body = (query: string) => JSON.stringify({ query });
  const perDay = PER_DAY;
  const scale = smoke ? 10 : 1;
  return [
    ["plain read: serverInfo", body("{ serverInfo { version } }")],
    ["1 × reports(first: 100) with text", body(aliases(1, reportsText))],
    ["10 × reports(first: 100) with text", body(aliases(10, reportsText))],
    ["500 × reports(first: 100) with text", body(aliases(500, reportsText))],
    ["1,000 × statistics.reportsPerDay over a year", body(aliases(1_000, `statistics { ${perDay} }`))],
    ["1,900 aliases under one statistics", body(`{ statistics { ${aliases(1_900, perDay).slice(2, -2)} } }`)],
    ["100,000 × __typename", body(aliases(100_000 / scale, "__typename"))],
    ["fragment cycle of 1,000", body(cycle(1_000 / scale))],
    ["query of 30 MiB", body(`{ __typename } #${"x".repeat((30 * 1024 * 1024) / scale)}`)],
  ];
}

/** Sends one request and reads what it cost the server process. */
async function measureOne(server: RunningChild, probe: string, body: string): Promise<Cost> {
  const cpuBefore = cpuMsOf(server.pid);
  const started = performance.now();
  const response = await fetch(`${server.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body,
  });
  const responseBytes = (await response.arrayBuffer()).byteLength;
  const wallMs = performance.now() - started;
  return {
    probe,
    status: response.status,
    wallMs,
    cpuMs: cpuMsOf(server.pid) - cpuBefore,
    responseBytes,
    rssMiB: server.rssMiB(),
  };
}

/** User plus system CPU time of a process, in ms, from /proc/<pid>/stat (fields 14 and 15, in ticks). */
function cpuMsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const ticks = Number(fields[11]) + Number(fields[12]);
  return ticks * 10;
}

/** The server's cumulative histogram of answered (200) GraphQL requests: bucket bound → count. */
async function acceptedLatencies(server: RunningChild): Promise<Map<string, number>> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  const buckets = new Map<string, number>();
  for (const match of text.matchAll(
    /^http_request_duration_seconds_bucket\{(?=[^}]*route="\/graphql")(?=[^}]*status="200")[^}]*le="([^"]+)"[^}]*\} (\d+)/gm,
  )) {
    const [, le, count] = match;
    if (le && count) buckets.set(le, (buckets.get(le) ?? 0) + Number(count));
  }
  return buckets;
}

/** The smallest bucket bound under which 99% of the requests between two readings finished. */
function bucketP99(before: Map<string, number>, after: Map<string, number>): string {
  const deltas = [...after].map(([le, count]) => [le, count - (before.get(le) ?? 0)] as const);
  const total = deltas.find(([le]) => le === "+Inf")?.[1] ?? 0;
  const bound = deltas
    .filter(([le]) => le !== "+Inf")
    .sort((a, b) => Number(a[0]) - Number(b[0]))
    .find(([, count]) => count >= total * 0.99);
  return bound?.[0] ?? "+Inf";
}
