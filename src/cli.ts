import "reflect-metadata";
import { Command } from "commander";
import { ConfigError } from "./config.js";
import { DatabaseUnavailableError } from "./db/open.js";
import { conformanceCommand } from "./commands/conformance.command.js";
import { etlCommand } from "./commands/etl.command.js";
import { migrateCommand } from "./commands/migrate.command.js";
import { checkSchemaCommand, emitSchemaCommand } from "./commands/schema.command.js";
import { serveCommand } from "./commands/serve.command.js";
import { testerTokenCommand } from "./commands/tester.command.js";
import { UsageError } from "./commands/usage-error.js";
import { uploadsImportCommand } from "./commands/uploads-import.command.js";
import { LegacySourceError, legacyImportCommand } from "./commands/legacy-import.command.js";

const program = new Command("cli")
  .description("The CPAN Testers data platform: one entry point for every command")
  // The command list is usage, printed where a missing or wrong command would be reported.
  .configureOutput({ writeOut: (text) => process.stderr.write(text) })
  .addCommand(serveCommand())
  .addCommand(etlCommand())
  .addCommand(migrateCommand())
  .addCommand(testerTokenCommand())
  .addCommand(conformanceCommand())
  .addCommand(uploadsImportCommand())
  .addCommand(legacyImportCommand())
  .addCommand(emitSchemaCommand())
  .addCommand(checkSchemaCommand())
  .addHelpText("after", "\nSettings come from the environment (see the README); `<command> --help` for its options.");

program.on("command:*", ([name]: string[]) => {
  process.stderr.write(`unknown command "${name}"\n\n${program.helpInformation()}`);
  process.exit(2);
});

program.parseAsync().catch((error: unknown) => {
  // Problems an operator can fix get one line; anything else is a bug and keeps its stack.
  if (isOperatorError(error)) {
    process.stderr.write(`error: ${error.message}\n`);
  } else {
    process.stderr.write(`error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  process.exit(1);
});

function isOperatorError(error: unknown): error is Error {
  return [ConfigError, DatabaseUnavailableError, UsageError, LegacySourceError].some((type) => error instanceof type);
}
