import { sql } from "drizzle-orm";
import { openDatabase, queryRows } from "../../src/db/client.js";
import { createApiToken, registerTester } from "../../src/db/queries/tester.queries.js";
import type { BenchDatabaseTarget } from "../harness/bench-database.js";
import type { RunningChild } from "../harness/process.js";
import { startPlatformWithEtlApart } from "../harness/targets.js";
import { measureHttp } from "../harness/measure.js";
import type { LoadRequest } from "../harness/load.types.js";
import type { Figure } from "../harness/results.js";
import type { BenchContext } from "../scenario.js";

/** How long the ETL may take to catch up after the load before the run gives up on it. */
const DRAIN_TIMEOUT_MS = 300_000;

/** The tester every benchmark submission comes from. */
export const BENCH_TESTER = {
  id: "00000000-0000-4000-8000-00000000be4c",
  fullName: "Bench Tester",
  email: "bench@example.org",
  secret: "bench-secret",
} as const;

/** One way in: where reports are POSTed, how the tester signs in, and the bodies sent. */
export interface IntakeProtocol {
  name: string;
  path: string;
  headers(token: string): Record<string, string>;
  bodies: readonly string[];
  /** Replaced by a fresh uuid in every request, for protocols whose bodies carry their own id. */
  uniqueToken?: string;
}

export type HttpIntakeOutcome = { missing: string } | { acknowledged: Figure; processed?: Figure; note?: string };

/**
 * How the platform runs: `production` as docker-compose.yml deploys it, the API and an ETL worker
 * each in a process of its own (Postgres only); `embedded` as `npm start` runs it, the ETL inside
 * the API process.
 */
export type PlatformShape = "production" | "embedded";

/** How each shape is named in results. */
export const SHAPE_LABEL: Record<PlatformShape, string> = {
  production: "API + ETL process",
  embedded: "ETL inside the API process",
};

/**
 * The platform's intake end to end: reports POSTed to the real `serve` process on an empty
 * database, acknowledged, then the time until the ETL has processed every one. On a build without
 * the route it reports what is missing.
 */
export async function measureHttpIntake(
  context: BenchContext,
  scratch: BenchDatabaseTarget,
  protocol: IntakeProtocol,
  shape: PlatformShape,
  /** The embedded shape's server: the platform as it ships, with METRICS=off, or with tracing on. */
  target: "graphql" | "graphql-metrics-off" | "graphql-tracing" = "graphql",
): Promise<HttpIntakeOutcome> {
  const token = await registerBenchTester(scratch);
  if (shape === "production") {
    if (scratch.kind !== "postgres") throw new Error("the production shape needs Postgres");
    const platform = await startPlatformWithEtlApart(scratch);
    try {
      return await measureOn(context, platform, scratch, protocol, token, shape);
    } finally {
      await platform.stop();
    }
  }
  return measureOn(context, await context.server(target, scratch), scratch, protocol, token, shape);
}

async function measureOn(
  context: BenchContext,
  server: RunningChild,
  scratch: BenchDatabaseTarget,
  protocol: IntakeProtocol,
  token: string,
  shape: PlatformShape,
): Promise<HttpIntakeOutcome> {
  const headers = protocol.headers(token);
  const requests: LoadRequest[] = protocol.bodies.map((body) => ({
    method: "POST",
    path: protocol.path,
    body,
    headers,
    ...(protocol.uniqueToken ? { uniqueToken: protocol.uniqueToken } : {}),
  }));
  const first = requests[0];
  const body = protocol.uniqueToken ? first?.body?.replaceAll(protocol.uniqueToken, crypto.randomUUID()) : first?.body;
  const probe = await fetch(server.url + protocol.path, { method: "POST", headers, body: body ?? "{}" });
  if (probe.status === 404) return { missing: `POST ${protocol.path} is not on this build (Intake and ETL)` };
  if (probe.status !== 201) {
    throw new Error(`POST ${protocol.path} answered ${probe.status}: ${(await probe.text()).slice(0, 500)}`);
  }
  const started = performance.now();
  const { figure } = await measureHttp(
    context.load,
    server,
    `platform (${SHAPE_LABEL[shape]}): ${protocol.name} (acknowledged)`,
    requests,
    { ...context.options, connections: context.options.intakeConnections },
  );
  if (scratch.kind !== "postgres") {
    return {
      acknowledged: figure,
      note: "the drain to processed is measured on Postgres only (PGlite is held by the server)",
    };
  }
  const drained = await waitForEtl(scratch.url);
  if (drained.failed > 0) throw new Error(`the ETL failed ${drained.failed} of ${drained.total} submitted reports`);
  if (!drained.done) {
    return {
      acknowledged: figure,
      note: `${drained.pending} documents were still unprocessed after ${DRAIN_TIMEOUT_MS / 1000} s`,
    };
  }
  const seconds = (performance.now() - started) / 1000;
  return {
    acknowledged: figure,
    processed: {
      contender: `platform (${SHAPE_LABEL[shape]}): ${protocol.name}, submitted → processed by the ETL`,
      throughput: drained.total / seconds,
      unit: "reports/s",
    },
  };
}

/** Registers the bench tester (Metabase profile and secret) and returns an API token for it. */
async function registerBenchTester(scratch: BenchDatabaseTarget): Promise<string> {
  const database = await openDatabase(
    scratch.kind === "postgres" ? { url: scratch.url } : { dataDir: scratch.dataDir },
  );
  try {
    const { secret, ...profile } = BENCH_TESTER;
    await registerTester(database.db, profile, secret);
    return await createApiToken(database.db, profile.id, "benchmark");
  } finally {
    await database.close();
  }
}

async function waitForEtl(url: string): Promise<{ done: boolean; pending: number; failed: number; total: number }> {
  const database = await openDatabase({ url, poolSize: 1 });
  try {
    const deadline = Date.now() + DRAIN_TIMEOUT_MS;
    for (;;) {
      const [row] = await queryRows<{ pending: number; failed: number; total: number }>(
        database.db,
        sql`select count(*) filter (where processed_at is null and error is null)::int as pending,
                   count(*) filter (where error is not null)::int as failed, count(*)::int as total
            from report_documents`,
      );
      const pending = row?.pending ?? 0;
      if (pending === 0 || Date.now() > deadline) {
        return { done: pending === 0, pending, failed: row?.failed ?? 0, total: row?.total ?? 0 };
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    await database.close();
  }
}
