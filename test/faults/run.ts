/**
 * The fault run by hand (`npm run faults -- --kills 100 --restarts 5`): the platform on a Postgres
 * of its own under a stream of reports, ETL workers SIGKILLed over and over while Postgres is
 * restarted, then the figures. Exits non-zero when anything was lost, double-counted or answered
 * with a 5xx other than 503, or when a process died that was not killed on purpose.
 */
import { parseArgs } from "node:util";
import { waitFor } from "../helpers/wait.js";
import { FaultPlatform, pause, streamReports, timeToCount } from "./fault-platform.js";

const { values } = parseArgs({
  options: {
    kills: { type: "string", default: "100" },
    restarts: { type: "string", default: "5" },
    clients: { type: "string", default: "8" },
    slots: { type: "string", default: "3" },
  },
});
const kills = Number(values.kills);
const restarts = Number(values.restarts);

const started = performance.now();
const platform = await FaultPlatform.start({ etlInProcess: true, workers: 1, batchSize: 50 });
const stream = streamReports(platform.apiUrl, platform.token, Number(values.clients));
const relisten: number[] = [];
const countLatency: number[] = [];
try {
  const killing = platform.killWorkers(kills, Number(values.slots));
  const restarting = (async () => {
    for (let restart = 0; restart < restarts; restart += 1) {
      // Spread over the kills, so that workers die while Postgres comes and goes.
      const due = Math.floor(((restart + 1) * kills) / (restarts + 1));
      while (platform.killed.size < due) await pause(500);
      await pause(Math.random() * 2_000);
      await platform.restartPostgres(1_000 + Math.random() * 2_000);
      const back = performance.now();
      // Every running ETL (the API's and each worker's) LISTENs again.
      await waitFor(
        async () => ((await platform.listeners()) >= 1 + platform.workers.length ? true : undefined),
        "every ETL to LISTEN again",
        10_000,
      ).catch(() => undefined);
      relisten.push(performance.now() - back);
      countLatency.push(await timeToCount(platform));
      process.stderr.write(`restart ${platform.restarts} done, ${platform.killed.size} kills so far\n`);
    }
  })();
  const [{ refusedStarts }] = await Promise.all([killing, restarting]);
  const figures = await stream.stop();
  await platform.drained(300_000);
  const outcome = await platform.outcome(figures.created);
  const deaths = platform.deaths();
  const result = {
    kills: platform.killed.size,
    restarts: platform.restarts,
    workerStartsRefusedWhileDown: refusedStarts,
    reportsSubmitted: figures.submitted,
    accepted201: figures.created.length,
    answered503: figures.unavailable,
    answered503WithoutRetryAfter: figures.unavailableWithoutRetryAfter,
    lost: outcome.lost,
    doubleCounted: outcome.doubled,
    counterRowsOff: outcome.mismatches,
    failedDocuments: outcome.failed,
    serverErrorsNot503: figures.serverErrors,
    otherUnexpectedAnswers: figures.unexpected.length - figures.serverErrors,
    processesDied: deaths.length,
    worstRequestMs: Math.round(figures.worstMs),
    relistenMs: relisten.map(Math.round),
    countedAfterReturnMs: countLatency.map(Math.round),
    seconds: Math.round((performance.now() - started) / 1000),
  };
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  for (const answer of figures.unexpected.slice(0, 10)) process.stdout.write(`unexpected answer: ${answer}\n`);
  for (const death of deaths) process.stdout.write(`died: ${death}\n`);
  const bad =
    result.lost +
    result.doubleCounted +
    result.counterRowsOff +
    result.serverErrorsNot503 +
    result.processesDied +
    result.answered503WithoutRetryAfter +
    result.otherUnexpectedAnswers;
  process.exitCode = bad === 0 ? 0 : 1;
} finally {
  await stream.stop();
  await platform.stop();
}
