import { randomUUID } from "node:crypto";
import autocannon from "autocannon";
import type { LoadJob, LoadResult } from "./load.types.js";
import { summarise } from "./stats.js";

/**
 * The load generator's process: autocannon runs here, never in the process under test nor in the
 * one that samples its memory. The parent sends a LoadJob and receives a LoadResult per message.
 */
async function runJob(job: LoadJob): Promise<LoadResult> {
  let next = 0;
  let graphqlErrors = 0;
  // autocannon's own latency histogram has whole-millisecond buckets; these samples keep the fraction.
  const latencies: number[] = [];
  const options: autocannon.Options = {
    url: job.url,
    connections: job.connections,
    duration: job.durationSeconds,
    // autocannon checks for the end of a run once per sample: every 100 ms instead of its default
    // second, so that short runs last what they were asked to.
    sampleInt: 100,
    requests: [
      {
        setupRequest: (request) => {
          const spec = job.requests[next++ % job.requests.length];
          if (!spec) return request;
          return {
            ...request,
            method: spec.method,
            path: spec.path,
            ...(spec.body !== undefined
              ? { body: spec.uniqueToken ? spec.body.replaceAll(spec.uniqueToken, randomUUID()) : spec.body }
              : {}),
            headers: { ...request.headers, ...spec.headers },
          };
        },
        ...(job.graphqlErrors
          ? {
              onResponse: (_status: number, body: string) => {
                if (body.startsWith('{"errors"') || body.includes(',"errors":')) graphqlErrors++;
              },
            }
          : {}),
      },
    ],
  };
  const started = performance.now();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(options, (error: Error | null, outcome) => (error ? reject(error) : resolve(outcome)));
    instance.on("response", (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  });
  // Our own clock: autocannon's duration is rounded to its one-second ticks.
  const seconds = (performance.now() - started) / 1000;
  const { medianMs, p99Ms } = summarise(latencies);
  return {
    medianMs,
    p99Ms,
    throughput: latencies.length / seconds,
    requests: latencies.length,
    errors: result.errors + result.non2xx + graphqlErrors,
    durationSeconds: seconds,
  };
}

process.on("message", (job: LoadJob) => {
  runJob(job).then(
    (result) => process.send?.({ ok: true, result }),
    (error: unknown) => process.send?.({ ok: false, error: error instanceof Error ? error.message : String(error) }),
  );
});
process.on("disconnect", () => process.exit(0));
