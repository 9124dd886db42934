import { parseArgs } from "node:util";
import { measureSubmitToEvent, type SubmitToEventResult } from "./submit-to-event.js";
import { measureSubscriberCapacity, type SubscriberCapacityResult } from "./subscriber-capacity.js";

const usage = `usage: node --import tsx bench/live/run.ts [options]

  --only submit|capacity   one of the two measurements (default: both)
  --subscribers N          connected subscribers during the latency run (1000)
  --rate N                 reports per second (200)
  --fanout N               subscribers per distribution, i.e. deliveries per report (10)
  --seconds N              measured seconds, after 5 s of warm-up (30)
  --idle N                 idle subscribers for the capacity run (10000)
  --runs N                 repeat each measurement N times and print every run and the medians (1)
  --postgres URL           Postgres server to create scratch databases on (postgres://postgres@127.0.0.1:5432/postgres)
  --redis URL              Redis (redis://127.0.0.1:6379)

Targets: p99 submit-to-event under 100 ms at 200 reports/s with 1,000 subscribers; 10,000 idle
subscribers under 1 GB RSS. Results are printed as JSON.
`;

const { values } = parseArgs({
  options: {
    only: { type: "string" },
    subscribers: { type: "string", default: "1000" },
    rate: { type: "string", default: "200" },
    fanout: { type: "string", default: "10" },
    seconds: { type: "string", default: "30" },
    idle: { type: "string", default: "10000" },
    runs: { type: "string", default: "1" },
    postgres: { type: "string", default: "postgres://postgres@127.0.0.1:5432/postgres" },
    redis: { type: "string", default: "redis://127.0.0.1:6379" },
    help: { type: "boolean" },
  },
});
if (values.help) {
  process.stdout.write(usage);
  process.exit(0);
}

const runs = Number(values.runs);
const median = (numbers: number[]) => {
  const sorted = [...numbers].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? NaN) : ((sorted[middle - 1] ?? NaN) + (sorted[middle] ?? NaN)) / 2;
};
const say = (line: string) => process.stderr.write(`${line}\n`);

const submitRuns: SubmitToEventResult[] = [];
const capacityRuns: SubscriberCapacityResult[] = [];
for (let run = 1; run <= runs; run++) {
  if (values.only !== "capacity") {
    say(`run ${run}/${runs}: submit-to-event, ${values.subscribers} subscribers at ${values.rate} reports/s ...`);
    const result = await measureSubmitToEvent({
      postgresUrl: values.postgres,
      redisUrl: values.redis,
      subscribers: Number(values.subscribers),
      rate: Number(values.rate),
      fanout: Number(values.fanout),
      warmupSeconds: 5,
      seconds: Number(values.seconds),
    });
    say(`  p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms (Redis alone: p99 ${result.baseline.p99Ms} ms)`);
    submitRuns.push(result);
  }
  if (values.only !== "submit") {
    say(`run ${run}/${runs}: subscriber capacity, ${values.idle} idle subscribers ...`);
    const result = await measureSubscriberCapacity({
      postgresUrl: values.postgres,
      redisUrl: values.redis,
      subscribers: Number(values.idle),
    });
    const last = result.steps.at(-1);
    say(`  ${result.held} held, ${last?.rssMiB} MiB RSS, ${last?.perSubscriberKiB} KiB per subscriber`);
    capacityRuns.push(result);
  }
}

const summary = {
  ...(submitRuns.length > 0
    ? {
        submitToEvent: {
          runs: submitRuns,
          medianP50Ms: median(submitRuns.map((r) => r.p50Ms)),
          medianP99Ms: median(submitRuns.map((r) => r.p99Ms)),
          medianBaselineP99Ms: median(submitRuns.map((r) => r.baseline.p99Ms)),
        },
      }
    : {}),
  ...(capacityRuns.length > 0
    ? {
        subscriberCapacity: {
          runs: capacityRuns,
          medianHeld: median(capacityRuns.map((r) => r.held)),
          medianRssMiB: median(capacityRuns.map((r) => r.steps.at(-1)?.rssMiB ?? NaN)),
          medianPerSubscriberKiB: median(capacityRuns.map((r) => r.steps.at(-1)?.perSubscriberKiB ?? NaN)),
        },
      }
    : {}),
};
process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
