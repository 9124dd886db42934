import type { LoadDriver } from "./load-driver.js";
import type { LoadRequest } from "./load.types.js";
import type { BenchOptions } from "./options.js";
import type { RunningChild } from "./process.js";
import type { Figure } from "./results.js";

export interface HttpMeasurement {
  figure: Figure;
  /** RSS of the server while under load: the peak of samples every 100 ms. */
  rssLoadMiB: number;
}

/**
 * Warms the server up, then loads it for the measured duration from the load generator's process
 * while sampling its memory from this one.
 */
export async function measureHttp(
  load: LoadDriver,
  server: RunningChild,
  contender: string,
  requests: LoadRequest[],
  options: Pick<BenchOptions, "warmupSeconds" | "durationSeconds" | "connections">,
  graphqlErrors = false,
): Promise<HttpMeasurement> {
  const job = { url: server.url, requests, connections: options.connections, graphqlErrors };
  await load.run({ ...job, durationSeconds: options.warmupSeconds });
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, server.rssMiB())), 100);
  try {
    const result = await load.run({ ...job, durationSeconds: options.durationSeconds });
    return {
      figure: {
        contender,
        medianMs: result.medianMs,
        p99Ms: result.p99Ms,
        throughput: result.throughput,
        unit: "req/s",
        requests: result.requests,
        errors: result.errors,
      },
      rssLoadMiB: peak,
    };
  } finally {
    clearInterval(sampler);
  }
}

/** A GraphQL POST as the load generator sends it. */
export function graphqlRequest(query: string, variables: Record<string, unknown>): LoadRequest {
  return {
    method: "POST",
    path: "/graphql",
    body: JSON.stringify({ query, variables }),
    headers: { "content-type": "application/json" },
  };
}
