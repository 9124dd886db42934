import "reflect-metadata";
import { ConfigError, loadConfig } from "./config.js";
import { DatabaseUnavailableError } from "./db/open.js";
import { conformanceCommand } from "./commands/conformance.command.js";
import { etlCommand } from "./commands/etl.command.js";
import { migrateCommand } from "./commands/migrate.command.js";
import { checkSchemaCommand, emitSchemaCommand } from "./commands/schema.command.js";
import { serveCommand } from "./commands/serve.command.js";
import { testerTokenCommand } from "./commands/tester.command.js";
import { UsageError } from "./commands/usage-error.js";
import { uploadsImportCommand } from "./commands/uploads-import.command.js";

const commands: Record<string, { summary: string; run: (args: string[]) => Promise<void> }> = {
  serve: { summary: "run the API (and an in-process ETL worker)", run: () => serveCommand(loadConfig()) },
  etl: { summary: "run an ETL worker (--help: rebuild, retry, status)", run: (args) => etlCommand(loadConfig(), args) },
  migrate: { summary: "apply pending database migrations", run: () => migrateCommand(loadConfig()) },
  "tester:token": {
    summary: "create (or --revoke) an API token for a tester",
    run: (args) => testerTokenCommand(loadConfig(), args),
  },
  conformance: {
    summary: "check a folder of real report samples, end to end",
    run: (args) => conformanceCommand(args),
  },
  "uploads:import": {
    summary: "record the uploads of a CPAN uploads list (--help: the format)",
    run: (args) => uploadsImportCommand(loadConfig(), args),
  },
  "schema:emit": { summary: "write schema.graphql from the code", run: emitSchemaCommand },
  "schema:check": { summary: "fail if schema.graphql differs from the code", run: checkSchemaCommand },
};

function usage(): string {
  const width = Math.max(...Object.keys(commands).map((name) => name.length));
  const lines = Object.entries(commands).map(([name, { summary }]) => `  ${name.padEnd(width)}  ${summary}`);
  return `usage: cli <command> [options]\n\ncommands:\n${lines.join("\n")}\n`;
}

const [name = "", ...args] = process.argv.slice(2);
const command = commands[name];
if (!command) {
  process.stderr.write(name && name !== "help" ? `unknown command "${name}"\n\n${usage()}` : usage());
  process.exit(name && name !== "help" ? 2 : 0);
}

// Through a promise, so that errors thrown before the first await (a bad setting) land here too.
Promise.resolve()
  .then(() => command.run(args))
  .catch((error: unknown) => {
    // Problems an operator can fix get one line; anything else is a bug and keeps its stack.
    if (isOperatorError(error)) {
      process.stderr.write(`error: ${error.message}\n`);
    } else {
      process.stderr.write(`error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    }
    process.exit(1);
  });

function isOperatorError(error: unknown): error is Error {
  const known = [ConfigError, DatabaseUnavailableError, UsageError].some((type) => error instanceof type);
  // node:util parseArgs: an unknown or malformed option.
  const code = (error as { code?: unknown } | null)?.code;
  const badOption = typeof code === "string" && code.startsWith("ERR_PARSE_ARGS");
  return known || badOption;
}
