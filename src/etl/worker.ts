import type { Database } from "../db/client.js";
import { DOCUMENTS_CHANNEL } from "../db/queries/document.queries.js";
import type { EventBus } from "../events/index.js";
import { classifyDatabaseError, rootMessage } from "../errors/index.js";
import type { Logger } from "../log.js";
import { inSpan, linkSpanTo } from "../tracing.js";
import type { EtlMetrics } from "./etl.metrics.js";
import { type BatchResult, processNextBatch } from "./process-batch.js";

export interface WorkerOptions {
  /** Documents per transaction at most. */
  batchSize: number;
  /** How long to wait for a notification before looking anyway. */
  pollIntervalMs: number;
}

export interface EtlWorker {
  /** Finishes the batch under way, then stops. */
  stop(): Promise<void>;
}

// A worker that backs off is also woken when its LISTEN comes back, so this bounds only the case
// where the pool fails while the LISTEN session stays up.
const MAX_BACKOFF_MS = 5_000;

/**
 * Runs the ETL loop until stopped: process batches while there is work, then sleep until Postgres
 * announces new documents (LISTEN/NOTIFY: intake announces its commits, see DocumentsAnnouncer)
 * or the poll interval passes, whichever is first. The poll is the safety net for a notification
 * lost with a dropped connection. Any number of workers, in any number of processes, can run side
 * by side.
 */
export async function startEtlWorker(
  deps: { database: Database; events: EventBus | undefined; log: Logger; metrics?: EtlMetrics },
  options: WorkerOptions,
): Promise<EtlWorker> {
  const { database, log, metrics } = deps;
  let stopped = false;
  let woken = false;
  let wake: () => void = () => undefined;
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  // Also called with "" when the LISTEN session came back after a loss: look at once.
  const onNotify = () => {
    woken = true;
    wake();
  };
  const unlisten = await database.listen(DOCUMENTS_CHANNEL, onNotify);

  const loop = (async () => {
    let failures = 0;
    while (!stopped) {
      woken = false;
      let result: BatchResult;
      const started = performance.now();
      try {
        result = await inSpan("etl.batch", {}, async (span) => {
          const batch = await processNextBatch({ db: database.db, events: deps.events, log }, options.batchSize);
          span.setAttributes({ "cpantesters.claimed": batch.claimed, "cpantesters.failed": batch.failed.length });
          // The batch's span links the intake span of every report it claimed.
          for (const traceparent of batch.traceparents) linkSpanTo(span, traceparent);
          return batch;
        });
        failures = 0;
      } catch (error) {
        // The database is unreachable or failing as a whole: back off, keep the process alive.
        failures += 1;
        const backoff = Math.min(MAX_BACKOFF_MS, 100 * 2 ** failures);
        if (classifyDatabaseError(error) === "unreachable") {
          log.warn({ reason: rootMessage(error), retryInMs: backoff }, "ETL waits for the database");
        } else {
          log.error({ err: error, retryInMs: backoff }, "ETL batch failed");
        }
        await sleep(backoff);
        continue;
      }
      metrics?.observe(result, (performance.now() - started) / 1000);
      // A report that cannot be derived is the sender's fault, not ours: a warning, with the request.
      for (const failure of result.failed) log.warn(failure, "report document could not be processed");
      // A full batch means more is probably waiting; so does a notification during the batch.
      if (result.claimed < options.batchSize && !woken && !stopped) await sleep(options.pollIntervalMs);
    }
  })();

  return {
    async stop() {
      stopped = true;
      wake();
      await loop;
      await unlisten();
    },
  };
}
