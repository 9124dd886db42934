/** What `npm run bench -- <options>` asked for. */
export interface BenchOptions {
  /** Reports to load. */
  size: number;
  smoke: boolean;
  /** Scenario names to run; empty means all. */
  scenarios: string[];
  /** Absent: the machine's Postgres if it answers, else PGlite. */
  database: "postgres" | "pglite" | undefined;
  /** Postgres server to create the benchmark databases on. */
  serverUrl: string;
  /** Redis for the scenarios that run several processes (live). */
  redisUrl: string;
  out: string;
  seed: number;
  warmupSeconds: number;
  durationSeconds: number;
  connections: number;
  /** Concurrent submitting clients in the intake scenario. */
  intakeConnections: number;
  /** Absent: wrk when it is installed, else autocannon. */
  loadTool: "wrk" | "autocannon" | undefined;
  list: boolean;
}

export const DEFAULT_SERVER_URL = "postgres://postgres@127.0.0.1:5432/postgres";
export const DEFAULT_REDIS_URL = "redis://127.0.0.1:6379";

const SMOKE = { size: 2_000, warmupSeconds: 0.25, durationSeconds: 0.75, connections: 8, intakeConnections: 8 };
// Intake traffic is many testers at once, and its group commit is built for that: at 16 connections
// the intake waits on its clients with a fifth of the CPU idle (docs/BENCHMARKS.md).
const FULL = { size: 1_000_000, warmupSeconds: 3, durationSeconds: 10, connections: 16, intakeConnections: 64 };

export const USAGE = `usage: npm run bench -- [options]

  --size N            reports to load (default 1,000,000; 10m for ten million; k and m suffixes)
  --smoke             a tiny, seconds-long run that checks every scenario works (CI)
  --scenario a,b      scenarios to run (default: all; --list shows them)
  --database KIND     postgres (default when it answers) or pglite
  --url URL           Postgres server for the cpt_bench_<size> databases
                      (default: DATABASE_URL, else ${DEFAULT_SERVER_URL})
  --redis URL         Redis for the live scenario (default: REDIS_URL, else ${DEFAULT_REDIS_URL})
  --out DIR           where results go as JSON and Markdown (default bench-results)
  --seed N            generator seed (default 1)
  --duration S        seconds measured per case (default 10; smoke 0.75)
  --warmup S          seconds of warm-up per case (default 3; smoke 0.25)
  --connections N     concurrent HTTP connections of the load generator (default 16; smoke 8)
  --intake-connections N
                      concurrent submitting clients in the intake scenario (default 64; smoke 8)
  --load TOOL         wrk (default when installed: a tenth of autocannon's CPU) or autocannon
  --list              list the scenarios and exit
`;

/** The command line asked for something the benchmark cannot do; an empty message asks for the usage text. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** Parses the command line; `databaseUrl` is the configured DATABASE_URL, if any. */
export function parseBenchOptions(args: readonly string[], databaseUrl?: string, redisUrl?: string): BenchOptions {
  const values = new Map<string, string>();
  const flags = new Set<string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (!arg.startsWith("--")) throw new UsageError(`unexpected argument ${JSON.stringify(arg)}`);
    const [name, inline] = arg.slice(2).split("=", 2) as [string, string | undefined];
    if (name === "smoke" || name === "list" || name === "help") {
      flags.add(name);
    } else if (
      [
        "size",
        "scenario",
        "database",
        "url",
        "redis",
        "out",
        "seed",
        "duration",
        "warmup",
        "connections",
        "intake-connections",
        "load",
      ].includes(name)
    ) {
      const value = inline ?? args[++i];
      if (value === undefined) throw new UsageError(`--${name} needs a value`);
      values.set(name, value);
    } else {
      throw new UsageError(`unknown option --${name}`);
    }
  }
  if (flags.has("help")) throw new UsageError("");
  const base = flags.has("smoke") ? SMOKE : FULL;
  const database = values.get("database");
  if (database !== undefined && database !== "postgres" && database !== "pglite") {
    throw new UsageError(`--database must be postgres or pglite, got ${JSON.stringify(database)}`);
  }
  const loadTool = values.get("load");
  if (loadTool !== undefined && loadTool !== "wrk" && loadTool !== "autocannon") {
    throw new UsageError(`--load must be wrk or autocannon, got ${JSON.stringify(loadTool)}`);
  }
  return {
    loadTool,
    size: values.has("size") ? parseCount("size", values.get("size") as string) : base.size,
    smoke: flags.has("smoke"),
    scenarios: (values.get("scenario") ?? "")
      .split(",")
      .map((name) => name.trim())
      .filter(Boolean),
    database,
    serverUrl: values.get("url") ?? databaseUrl ?? DEFAULT_SERVER_URL,
    redisUrl: values.get("redis") ?? redisUrl ?? DEFAULT_REDIS_URL,
    out: values.get("out") ?? "bench-results",
    seed: values.has("seed") ? parseCount("seed", values.get("seed") as string) : 1,
    warmupSeconds: values.has("warmup") ? parseSeconds("warmup", values.get("warmup") as string) : base.warmupSeconds,
    durationSeconds: values.has("duration")
      ? parseSeconds("duration", values.get("duration") as string)
      : base.durationSeconds,
    connections: values.has("connections")
      ? parseCount("connections", values.get("connections") as string)
      : base.connections,
    intakeConnections: values.has("intake-connections")
      ? parseCount("intake-connections", values.get("intake-connections") as string)
      : base.intakeConnections,
    list: flags.has("list"),
  };
}

/** `1000000`, `1_000_000`, `1,000,000`, `500k`, `10m`. */
export function parseCount(name: string, text: string): number {
  const match = /^(\d[\d_,]*)(k|m)?$/i.exec(text.trim());
  const multiplier = { k: 1_000, m: 1_000_000 }[match?.[2]?.toLowerCase() ?? ""] ?? 1;
  const value = match ? Number((match[1] as string).replace(/[_,]/g, "")) * multiplier : Number.NaN;
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new UsageError(
      `--${name} must be a whole number >= 1 (k and m suffixes allowed), got ${JSON.stringify(text)}`,
    );
  }
  return value;
}

function parseSeconds(name: string, text: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0 || value > 3600) {
    throw new UsageError(`--${name} must be seconds in (0, 3600], got ${JSON.stringify(text)}`);
  }
  return value;
}
