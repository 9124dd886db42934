import { randomUUID } from "node:crypto";
import { Command, Option } from "commander";
import { type Config, loadConfig } from "../config.js";
import { openMigratedDatabase } from "../db/open.js";
import { revokeToken } from "../auth/token.revocation.js";
import { createApiToken, createTester, findTesterByEmail } from "../db/queries/tester.queries.js";
import { TokenScope } from "../db/schema/index.js";
import { createEventBus } from "../events/index.js";
import { createLogger } from "../log.js";
import { eventBusOptions } from "./event-bus.options.js";
import { UsageError } from "./usage-error.js";

const scopes = Object.values(TokenScope) as string[];

interface TokenOptions {
  email?: string;
  name?: string;
  label: string;
  scope?: string[];
  revoke?: string;
}

/** `tester:token`: how an operator gives a tester (or an uploader) an API token, or takes it back. */
export function testerTokenCommand(): Command {
  const command = new Command("tester:token")
    .description(
      "create an API token for the tester with that e-mail (creating the tester if needed) and print it " +
        "once, or revoke one; only its hash is kept",
    )
    .addOption(new Option("--email <email>", "the tester's e-mail address").conflicts("revoke"))
    .option("--name <name>", "the tester's full name, for a new tester (default: the e-mail)")
    .option("--label <label>", "what the token is for, kept beside it", "api token")
    .option(
      "--scope <scope...>",
      `what the token may do: ${scopes.join(", ")}; repeat or list several (default: ${TokenScope.submitReports})`,
    )
    .option("--revoke <token>", "revoke this token instead of creating one")
    .action(async (options: TokenOptions) => {
      if (!options.email && !options.revoke) command.help({ error: true });
      await issueToken(loadConfig(), options);
    });
  return command;
}

async function issueToken(config: Config, options: TokenOptions): Promise<void> {
  const unknown = (options.scope ?? []).filter((scope) => !scopes.includes(scope));
  if (unknown.length > 0) throw new UsageError(`unknown scope ${unknown.join(", ")}: expected ${scopes.join(", ")}`);

  const database = await openMigratedDatabase(config);
  const { db } = database;
  try {
    if (options.revoke) {
      // Published so that running servers forget the token now rather than when their cache expires.
      const events = await createEventBus(config.redisUrl, createLogger(config), eventBusOptions(config));
      const revoked = await revokeToken(db, events, options.revoke).finally(() => events.close());
      process.stdout.write(revoked ? "token revoked\n" : "no live token matches\n");
      return;
    }
    const email = options.email as string;
    const existing = await findTesterByEmail(db, email);
    const tester = existing ?? { id: randomUUID(), fullName: options.name ?? email, email };
    if (!existing) await createTester(db, tester);
    const token = await createApiToken(
      db,
      tester.id,
      options.label,
      (options.scope as TokenScope[] | undefined) ?? [TokenScope.submitReports],
    );
    process.stdout.write(`${token}\n`);
  } finally {
    await database.close();
  }
}
