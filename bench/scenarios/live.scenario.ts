import type { ResultRow } from "../harness/results.js";
import { measureSubmitToEvent } from "../live/submit-to-event.js";
import { measureSubscriberCapacity } from "../live/subscriber-capacity.js";
import type { Scenario } from "../scenario.js";

/** The sizes for a full run; a smoke run only proves the machinery works. */
const SIZES = {
  full: { subscribers: 1_000, rate: 200, fanout: 10, warmupSeconds: 5, seconds: 30, idle: 10_000 },
  smoke: { subscribers: 20, rate: 20, fanout: 2, warmupSeconds: 1, seconds: 2, idle: 100 },
};

export const scenario: Scenario = {
  name: "live",
  summary:
    "Live, as production runs it: reports POSTed to API instance A, counted by a separate ETL process, their " +
    "events through Redis to subscribers held by instance B; submit-to-event latency at a steady rate beside " +
    "Redis pub/sub alone, then how many idle subscribers one instance holds and its memory per subscriber.",
  // Last: it starts processes of its own and loads the machine for a while.
  order: 50,
  async run(context) {
    if (context.database.kind !== "postgres") {
      return { rows: [], notes: ["live runs API and ETL processes on Postgres and Redis: not run on PGlite"] };
    }
    const size = context.options.smoke ? SIZES.smoke : SIZES.full;
    const { serverUrl: postgresUrl, redisUrl } = context.options;
    context.say(`  submit-to-event: ${size.subscribers} subscribers, ${size.rate} reports/s, ${size.seconds} s`);
    const latency = await measureSubmitToEvent({ postgresUrl, redisUrl, ...size });
    context.say(`  subscriber capacity: ${size.idle} idle subscribers`);
    const capacity = await measureSubscriberCapacity({ postgresUrl, redisUrl, subscribers: size.idle });
    const last = capacity.steps.at(-1);
    const rows: ResultRow[] = [
      {
        case: `submit → event delivered (${size.subscribers} subscribers, ${size.rate} reports/s)`,
        subject: {
          contender: "platform: POST to A → ETL process → Redis → subscriber on B",
          medianMs: latency.p50Ms,
          p99Ms: latency.p99Ms,
          throughput: latency.deliveriesReceived / latency.seconds,
          unit: "deliveries/s",
          errors: latency.submitErrors + (latency.deliveriesExpected - latency.deliveriesReceived),
        },
        baselines: [
          { contender: latency.baseline.name, medianMs: latency.baseline.p50Ms, p99Ms: latency.baseline.p99Ms },
        ],
      },
      {
        case: `idle subscribers on one API instance (${size.idle} connected)`,
        subject: {
          contender: `platform: ${capacity.held} held, ${last?.perSubscriberKiB ?? "?"} KiB each`,
          rssIdleMiB: capacity.idleRssMiB,
          rssLoadMiB: last?.rssMiB,
          medianMs: capacity.broadcastMs,
        },
        baselines: [],
        note: "median ms: one event broadcast to every subscriber, until the last received it",
      },
    ];
    return {
      rows,
      notes: [
        `submit-to-event: p50 ${latency.p50Ms} ms, p99 ${latency.p99Ms} ms; the POST alone p99 ${latency.submitP99Ms} ms; ` +
          `${latency.deliveriesReceived} of ${latency.deliveriesExpected} deliveries; CPU % ${JSON.stringify(latency.cpuPercent)}; ` +
          `load average ${latency.loadAverage.start} → ${latency.loadAverage.end}`,
        "Targets: p99 under 100 ms at 200 reports/s with 1,000 subscribers; 10,000 idle subscribers under 1 GB RSS.",
      ],
    };
  },
};
