import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { queryRows } from "../src/db/client.js";
import { createReportGenerator } from "./generate/report.generate.js";
import {
  adminQuery,
  benchDatabaseTarget,
  type BenchDatabaseTarget,
  openBenchDatabase,
} from "./harness/bench-database.js";
import { startLoadDriver } from "./harness/load-driver.js";
import { machineInfo } from "./harness/machine.js";
import { formatRun } from "./harness/markdown.js";
import type { BenchOptions } from "./harness/options.js";
import { describeTarget, prepareBenchData } from "./harness/prepare.js";
import type { RunningChild } from "./harness/process.js";
import type { BenchRun, ScenarioResult } from "./harness/results.js";
import { ScratchDatabases } from "./harness/scratch.js";
import { startTarget, type TargetName } from "./harness/targets.js";
import { etlDerivedLoader } from "./load/derived.loader.js";
import { READS } from "./reads/index.js";
import type { ReadParams } from "./reads/read.types.js";
import { discoverScenarios, selectScenarios } from "./registry.js";
import { ensureWebBuild } from "../scripts/web-build.js";
import type { BenchContext } from "./scenario.js";

export interface BenchOutcome {
  run: BenchRun;
  /** True when any scenario failed: the command then exits non-zero. Figures never fail a run. */
  failed: boolean;
  files: string[];
}

/**
 * The whole run: pick the database, load (or reuse) the data, draw the read parameters, start the
 * load generator, run each selected scenario, and write the results as JSON and Markdown.
 */
export async function runBench(options: BenchOptions, say: (line: string) => void): Promise<BenchOutcome> {
  const scenarios = selectScenarios(await discoverScenarios(), options.scenarios);
  // The platform's servers serve the web app's build: built before any of them starts.
  await ensureWebBuild();
  const kind = options.database ?? ((await postgresAnswers(options.serverUrl)) ? "postgres" : "pglite");
  if (!options.database && kind === "pglite") say(`no Postgres at ${redact(options.serverUrl)}: using embedded PGlite`);
  const startedAt = new Date().toISOString();
  const generator = createReportGenerator(options.seed, options.size);
  const database = benchDatabaseTarget(kind, options.serverUrl, options.size);
  const prepared = await prepareBenchData(database, generator, etlDerivedLoader, say);
  const { readParams, version } = await sampleReadParams(database, options.smoke ? 50 : 500);

  const servers = new Map<string, RunningChild>();
  const keyOf = (name: string, on: BenchDatabaseTarget) => `${name} ${on.kind === "postgres" ? on.url : on.dataDir}`;
  const launch = async (name: TargetName, on: BenchDatabaseTarget) => {
    if (on.kind === "pglite") {
      // One process at a time may open a PGlite directory: stop whoever has it first.
      const holders = [...servers].filter(([key]) => key.endsWith(` ${on.dataDir}`));
      for (const [key, child] of holders) {
        servers.delete(key);
        await child.stop();
      }
    }
    const started = performance.now();
    const child = await startTarget(name, on);
    say(`  ${name} ready in ${((performance.now() - started) / 1000).toFixed(1)} s (pid ${child.pid})`);
    servers.set(keyOf(name, on), child);
    return child;
  };
  const stopServers = async () => {
    const running = [...servers.values()];
    servers.clear();
    await Promise.all(running.map((child) => child.stop()));
  };
  const scratch = new ScratchDatabases(kind, options.serverUrl);
  await scratch.dropAbandoned();
  const load = startLoadDriver(options.loadTool);
  say(`load generator: ${load.tool}, ${options.connections} connections, in a process of its own`);
  const context: BenchContext = {
    options,
    database,
    generator,
    load,
    readParams,
    say,
    server: async (name, on = database) => servers.get(keyOf(name, on)) ?? launch(name, on),
    async freshServer(name, on = database) {
      await servers.get(keyOf(name, on))?.stop();
      return launch(name, on);
    },
    scratchDatabase: () => scratch.create(),
  };

  const results: ScenarioResult[] = [];
  try {
    for (const scenario of scenarios) {
      say(`scenario ${scenario.name}`);
      const started = performance.now();
      try {
        const outcome = await scenario.run(context);
        results.push(result(scenario, started, outcome.rows, outcome.notes ?? []));
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        say(`scenario ${scenario.name} failed: ${message}`);
        results.push({ ...result(scenario, started, [], []), error: message });
      }
    }
  } finally {
    await load.close();
    await stopServers();
    await scratch.dropAll();
  }

  const run: BenchRun = {
    startedAt,
    machine: machineInfo(version),
    options: { ...options, serverUrl: redact(options.serverUrl), redisUrl: redact(options.redisUrl) },
    load: { tool: load.tool, connections: options.connections, intakeConnections: options.intakeConnections },
    data: { size: options.size, seed: options.seed, database: describeTarget(database), ...prepared },
    scenarios: results,
  };
  return { run, failed: results.some((r) => r.error !== undefined), files: writeResults(options.out, run) };
}

function result(
  scenario: { name: string; summary: string },
  started: number,
  rows: ScenarioResult["rows"],
  notes: string[],
) {
  return { name: scenario.name, summary: scenario.summary, rows, notes, seconds: (performance.now() - started) / 1000 };
}

async function sampleReadParams(database: BenchDatabaseTarget, count: number) {
  const opened = await openBenchDatabase(database);
  try {
    const readParams = new Map<string, ReadParams[]>();
    for (const read of READS) readParams.set(read.name, await read.sampleParams(opened.db, count));
    const [row] = await queryRows<{ version: string }>(opened.db, sql`select version()`);
    const version = (row?.version ?? "unknown").replace(/ on .*$/, "").replace(/\s*\(.*$/, "");
    return { readParams, version: opened.kind === "pglite" ? `PGlite (${version})` : version };
  } finally {
    await opened.close();
  }
}

function writeResults(out: string, run: BenchRun): string[] {
  mkdirSync(out, { recursive: true });
  const stamp = run.startedAt.replace(/[:.]/g, "-");
  const base = join(out, `bench-${run.data.size}-${stamp}`);
  const json = `${JSON.stringify(run, null, 2)}\n`;
  const markdown = formatRun(run);
  const files = [`${base}.json`, `${base}.md`, join(out, "latest.json"), join(out, "latest.md")];
  writeFileSync(files[0] as string, json);
  writeFileSync(files[1] as string, markdown);
  writeFileSync(files[2] as string, json);
  writeFileSync(files[3] as string, markdown);
  return files.slice(0, 2);
}

async function postgresAnswers(serverUrl: string): Promise<boolean> {
  return adminQuery(serverUrl, "select 1").then(
    () => true,
    () => false,
  );
}

function redact(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = "***";
  return parsed.toString();
}
