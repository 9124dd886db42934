import { ConfigError, loadConfig } from "../src/config.js";
import { formatRun } from "./harness/markdown.js";
import { parseBenchOptions, USAGE, UsageError } from "./harness/options.js";
import { discoverScenarios } from "./registry.js";
import { runBench } from "./run.js";

/**
 * `npm run bench -- [options]` (docs/BENCHMARKS.md). The benchmark has its own entry so that the
 * product's CLI never loads it, nor the devDependencies it needs. Exits non-zero when a scenario
 * fails, never on figures.
 */
async function main(args: string[]): Promise<void> {
  const config = loadConfig();
  const options = parseBenchOptions(args, config.databaseUrl, config.redisUrl);
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

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UsageError) {
    // An empty message is --help: the usage text alone, and success.
    process.stderr.write(error.message ? `error: ${error.message}\n\n${USAGE}` : USAGE);
    process.exit(error.message ? 2 : 0);
  }
  // A bad setting gets one line; anything else is a bug and keeps its stack.
  const message =
    error instanceof ConfigError
      ? error.message
      : error instanceof Error
        ? (error.stack ?? error.message)
        : String(error);
  process.stderr.write(`error: ${message}\n`);
  process.exit(1);
});
