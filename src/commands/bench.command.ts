import { formatRun } from "../bench/harness/markdown.js";
import { parseBenchOptions, USAGE, UsageError } from "../bench/harness/options.js";
import { discoverScenarios } from "../bench/registry.js";
import { runBench } from "../bench/run.js";
import type { Config } from "../config.js";

/** `bench`: the benchmark (docs/BENCHMARKS.md). Exits non-zero when a scenario fails, never on figures. */
export async function benchCommand(args: string[], config: Config): Promise<void> {
  let options;
  try {
    options = parseBenchOptions(args, config.databaseUrl, config.redisUrl);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(error.message ? `error: ${error.message}\n\n${USAGE}` : USAGE);
    process.exit(error.message ? 2 : 0);
  }
  if (options.list) {
    for (const scenario of await discoverScenarios()) process.stdout.write(`${scenario.name}\n  ${scenario.summary}\n`);
    return;
  }
  const say = (line: string) => process.stderr.write(`${line}\n`);
  const { run, failed, files } = await runBench(options, say);
  process.stdout.write(`${formatRun(run)}\n`);
  say(`results: ${files.join(", ")}`);
  if (failed) process.exit(1);
}
