import type { BenchDatabaseTarget } from "./bench-database.js";
import { freePort, type RunningChild, startChild } from "./process.js";
import { TraceSink } from "./trace-sink.js";

/**
 * The servers a scenario can put under load, each in a process of its own:
 * - graphql: the platform itself, through its real `serve` command, as it ships (response cache on);
 * - graphql-uncached: the same with RESPONSE_CACHE=false, so every request resolves and runs its SQL;
 * - baseline: a bare Fastify server calling the platform's query functions (bench/baseline);
 * - postgraphile: PostGraphile 4's CLI over the same database, what a user would reach for to put
 *   GraphQL on this Postgres (version 5 needs Node 22);
 * - graphql-metrics-off: the platform as it ships with METRICS=off (not a contender in reads);
 * - graphql-tracing: the platform with OpenTelemetry on, exporting to the run's TraceSink, sampling
 *   one trace in twenty as docs/OPERATIONS.md advises for a busy instance (TRACE_SAMPLE_RATIO).
 */
/** The tracing target's sampling ratio: what an operator sets on a busy instance. */
export const TRACE_SAMPLE_RATIO = 0.05;

export const TARGETS = {
  graphql: { label: "platform (GraphQL)", postgresOnly: false, reads: true },
  "graphql-uncached": { label: "platform, response cache off", postgresOnly: false, reads: true },
  baseline: { label: "bare Fastify + pg", postgresOnly: false, reads: true },
  postgraphile: { label: "PostGraphile 4", postgresOnly: true, reads: true },
  // The observability scenario's: what Prometheus collection costs the platform as it ships.
  "graphql-metrics-off": { label: "platform, METRICS=off", postgresOnly: false, reads: false },
  "graphql-tracing": { label: "platform, metrics and tracing on", postgresOnly: false, reads: false },
} as const;
export type TargetName = keyof typeof TARGETS;

/** The platform, with or without its response cache. */
export const isPlatform = (
  name: TargetName,
): name is "graphql" | "graphql-uncached" | "graphql-metrics-off" | "graphql-tracing" => name.startsWith("graphql");

/** The contender's name in results; the bare baseline names the database it talks to. */
export function targetLabel(name: TargetName, database: BenchDatabaseTarget): string {
  return name === "baseline" && database.kind === "pglite" ? "bare Fastify + PGlite" : TARGETS[name].label;
}

export function targetAvailable(name: TargetName, database: BenchDatabaseTarget): boolean {
  return database.kind === "postgres" || !TARGETS[name].postgresOnly;
}

/**
 * With BENCH_PROFILE_DIR set, the platform writes a V8 CPU profile of everything it did under the
 * load there when it stops (open it in Chrome DevTools or speedscope).
 */
function profileArgs(): string[] {
  const dir = process.env.BENCH_PROFILE_DIR;
  return dir ? ["--cpu-prof", `--cpu-prof-dir=${dir}`] : [];
}

/** Platform processes log warnings only, as JSON: nothing per request while under load. */
const QUIET_LOGS = { LOG_LEVEL: "warn", LOG_FORMAT: "json" };

/** The real `serve` command on the given database, with its in-process ETL unless `env` says otherwise. */
function startPlatform(
  name: string,
  database: BenchDatabaseTarget,
  port: number,
  env: Record<string, string>,
): Promise<RunningChild> {
  return startChild({
    name,
    port,
    args: [...profileArgs(), "--import", "tsx", "src/cli.ts", "serve"],
    env: {
      ...(database.kind === "postgres" ? { DATABASE_URL: database.url } : { DATA_DIR: database.dataDir }),
      PORT: String(port),
      HOST: "127.0.0.1",
      // One address sends everything here: rate limits would measure themselves, not the platform.
      RATE_LIMITS: "false",
      ...QUIET_LOGS,
      ...env,
    },
    readyPath: "/readyz",
  });
}

/**
 * The platform in its production shape (docker-compose.yml): the API with ETL_IN_PROCESS=false and
 * an `etl` worker process beside it, so that processing runs on its own event loop. Postgres only:
 * two processes cannot share a PGlite directory. Stopping it stops both.
 */
export async function startPlatformWithEtlApart(
  database: Extract<BenchDatabaseTarget, { kind: "postgres" }>,
): Promise<RunningChild> {
  const etlPort = await freePort();
  const etl = await startChild({
    name: "etl",
    port: etlPort,
    args: [...profileArgs(), "--import", "tsx", "src/cli.ts", "etl"],
    env: { DATABASE_URL: database.url, ETL_PORT: String(etlPort), ...QUIET_LOGS },
    readyPath: "/healthz",
  });
  try {
    const api = await startPlatform("api", database, await freePort(), { ETL_IN_PROCESS: "false" });
    return { ...api, stop: () => Promise.all([api.stop(), etl.stop()]).then(() => undefined) };
  } catch (error) {
    await etl.stop();
    throw error;
  }
}

export async function startTarget(name: TargetName, database: BenchDatabaseTarget): Promise<RunningChild> {
  const port = await freePort();
  const where = database.kind === "postgres" ? database.url : database.dataDir;
  switch (name) {
    case "graphql":
    case "graphql-uncached":
      return startPlatform(name, database, port, name === "graphql-uncached" ? { RESPONSE_CACHE: "false" } : {});
    case "graphql-metrics-off":
      return startPlatform(name, database, port, { METRICS: "off" });
    case "graphql-tracing": {
      const sink = TraceSink.running;
      if (!sink) throw new Error("graphql-tracing needs a TraceSink started by its scenario");
      return startPlatform(name, database, port, {
        OTEL_EXPORTER_OTLP_ENDPOINT: sink.endpoint,
        OTEL_TRACES_SAMPLER: "parentbased_traceidratio",
        OTEL_TRACES_SAMPLER_ARG: String(TRACE_SAMPLE_RATIO),
      });
    }
    case "baseline":
      return startChild({
        name,
        port,
        args: ["--import", "tsx", "bench/baseline/server.ts", String(port), where],
        env: {},
        readyPath: "/healthz",
      });
    case "postgraphile":
      if (database.kind !== "postgres") throw new Error("PostGraphile needs Postgres, not PGlite");
      return startChild({
        name,
        port,
        args: [
          ...["--import", "tsx", "--import", "./bench/baseline/postgraphile.preload.ts"],
          "node_modules/postgraphile/cli.js",
          ...["--connection", where, "--port", String(port), "--host", "127.0.0.1"],
          // Read-only like the API it is compared with; no per-query log line, like ours.
          "--disable-default-mutations",
          "--disable-query-log",
        ],
        env: {},
        readyPath: "/graphiql",
      });
  }
}
