/**
 * The fuzz run by hand (`npm run fuzz -- --runs 10000`): the generators of fuzz.test.ts against a
 * platform of its own (PGlite in memory, or a fresh database on the Postgres of TEST_DATABASE_URL
 * with --postgres), then the figures. Exits non-zero on any 5xx, any refused submission that stored
 * something, any error body out of its protocol's shape, or any accepted report not counted.
 */
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import fc from "fast-check";
import { pino } from "pino";
import { ABUSE_DEFAULTS, GRAPHQL_LIMIT_DEFAULTS, SUBSCRIPTION_DEFAULTS } from "../../src/config.js";
import { openDatabase } from "../../src/db/client.js";
import { migrate } from "../../src/db/migrate.js";
import { createMemoryEventBus } from "../../src/events/memory-event-bus.js";
import { startServer } from "../../src/server/serve.js";
import { testerWithToken } from "../factories/report.factory.js";
import { adminQuery, withDatabase } from "../global-setup.js";
import { fetchSchema, type FuzzTarget, processWaiting, sendInput, verifyAccepted } from "./fuzz.check.js";
import { fuzzInputs } from "./fuzz.inputs.js";

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "10000" },
    seed: { type: "string" },
    postgres: { type: "boolean", default: false },
  },
});
const runs = Number(values.runs);
const seed = values.seed === undefined ? Date.now() % 2 ** 31 : Number(values.seed);
const log = pino({ level: process.env.FUZZ_LOG_LEVEL ?? "silent" });

const adminUrl = values.postgres ? process.env.TEST_DATABASE_URL : undefined;
if (values.postgres && !adminUrl) throw new Error("--postgres needs TEST_DATABASE_URL");
const databaseName = `cpt_fuzz_${randomBytes(4).toString("hex")}`;
if (adminUrl) await adminQuery(adminUrl, `create database ${databaseName}`);
const database = await openDatabase(adminUrl ? { url: withDatabase(adminUrl, databaseName) } : {});
await migrate(database);
const events = createMemoryEventBus();
const server = await startServer(
  {
    host: "127.0.0.1",
    port: 0,
    bodyLimit: 1024 ** 2,
    allowAnonymousReports: false,
    queryCostLimit: 1_000,
    queryDepthLimit: 12,
    responseCache: false,
    exposeErrorDetails: false,
    graphqlLimits: GRAPHQL_LIMIT_DEFAULTS,
    subscriptions: SUBSCRIPTION_DEFAULTS,
    redisUrl: undefined,
    redisPrefix: "fuzz:",
    // One address sends everything: the budgets are out of reach, as in the tests' servers.
    abuse: {
      ...ABUSE_DEFAULTS,
      intakePerIp: 1e9,
      intakePerCredential: 1e9,
      registerPerIp: 1e9,
      graphqlPointsPerIp: 1e12,
      graphqlPointsPerToken: 1e12,
      authFailuresAllowed: 1e9,
      shedEventLoopDelayMs: 0,
      shedHeapUsedBytes: 0,
    },
  },
  { database, events, log },
);

const increment = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
const byKind = new Map<string, number>();
const byStatus = new Map<string, number>();
const problems: string[] = [];
const accepted: string[] = [];
let serverErrors = 0;
let storedOnRejection = 0;
let worst = { ms: 0, input: "" };
const started = performance.now();
try {
  const target: FuzzTarget = {
    url: server.url,
    db: database.db,
    token: await testerWithToken(database.db),
    log,
  };
  const inputs = fuzzInputs(await fetchSchema(server.url));
  // In slices, each from a seed of its own: a run holds no more than a slice of inputs at a time.
  const slice = 100;
  for (let done = 0; done < runs; done += slice) {
    for (const input of fc.sample(inputs, { numRuns: Math.min(slice, runs - done), seed: seed + done })) {
      const outcome = await sendInput(target, input);
      increment(byKind, input.kind);
      increment(byStatus, String(outcome.status));
      if (outcome.status >= 500) serverErrors += 1;
      if (outcome.storedOnRejection) storedOnRejection += 1;
      if (outcome.accepted) accepted.push(outcome.accepted);
      if (outcome.ms > worst.ms) worst = { ms: outcome.ms, input: `${input.kind}: ${input.method} ${input.path}` };
      for (const problem of outcome.problems) {
        const body = typeof input.body === "string" ? input.body.slice(0, 400) : "(bytes)";
        problems.push(`${input.kind} ${input.method} ${input.path.slice(0, 120)} ${body}: ${problem}`);
      }
    }
    // Reads then find rows, as they would with a worker running.
    const failed = await processWaiting(target);
    if (failed > 0) problems.push(`${failed} accepted document(s) failed in the ETL`);
    if ((done / slice) % 20 === 19) process.stderr.write(`${done + slice} inputs\n`);
  }
  const unprocessed = await verifyAccepted(target, accepted);
  const sorted = (map: Map<string, number>) => Object.fromEntries([...map].sort(([a], [b]) => a.localeCompare(b)));
  const figures = {
    seed,
    inputs: runs,
    inputsByKind: sorted(byKind),
    answersByStatus: sorted(byStatus),
    serverErrors5xx: serverErrors,
    storedOnRejection,
    otherProblems: problems.length - serverErrors - storedOnRejection,
    acceptedSubmissions: accepted.length,
    acceptedNotCounted: unprocessed.length,
    worstRequestMs: Math.round(worst.ms),
    worstRequest: worst.input.slice(0, 160),
    seconds: Math.round((performance.now() - started) / 1000),
  };
  process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
  for (const problem of [...problems, ...unprocessed].slice(0, Number(process.env.FUZZ_SHOW ?? 20)))
    process.stdout.write(`problem: ${problem}\n`);
  process.exitCode = problems.length + unprocessed.length > 0 ? 1 : 0;
} finally {
  await server.stop();
  await events.close();
  await database.close();
  if (adminUrl) await adminQuery(adminUrl, `drop database if exists ${databaseName} with (force)`);
}
