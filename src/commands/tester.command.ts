import { randomUUID } from "node:crypto";
import { parseArgs } from "node:util";
import type { Config } from "../config.js";
import { openMigratedDatabase } from "../db/open.js";
import { createApiToken, createTester, findTesterByEmail, revokeApiToken } from "../db/queries/tester.queries.js";
import { TokenScope } from "../db/schema/index.js";
import { UsageError } from "./usage-error.js";

const scopes = Object.values(TokenScope) as string[];

const usage = `usage: tester:token --email EMAIL [--name NAME] [--label LABEL] [--scope SCOPE ...]
       tester:token --revoke TOKEN

Creates an API token for the tester with that e-mail (creating the tester if needed) and prints it
once; only its hash is kept. Scopes: ${scopes.join(", ")} (default ${TokenScope.submitReports}).
`;

/** `tester:token`: how an operator gives a tester (or an uploader) an API token, or takes it back. */
export async function testerTokenCommand(config: Config, args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      email: { type: "string" },
      name: { type: "string" },
      label: { type: "string" },
      scope: { type: "string", multiple: true },
      revoke: { type: "string" },
      help: { type: "boolean" },
    },
  });
  if (values.help || (!values.email && !values.revoke)) {
    process.stdout.write(usage);
    return;
  }
  const unknown = (values.scope ?? []).filter((scope) => !scopes.includes(scope));
  if (unknown.length > 0) throw new UsageError(`unknown scope ${unknown.join(", ")}: expected ${scopes.join(", ")}`);

  const database = await openMigratedDatabase(config);
  const { db } = database;
  try {
    if (values.revoke) {
      const revoked = await revokeApiToken(db, values.revoke);
      process.stdout.write(revoked ? "token revoked\n" : "no live token matches\n");
      return;
    }
    const email = values.email as string;
    const existing = await findTesterByEmail(db, email);
    const tester = existing ?? { id: randomUUID(), fullName: values.name ?? email, email };
    if (!existing) await createTester(db, tester);
    const token = await createApiToken(
      db,
      tester.id,
      values.label ?? "api token",
      (values.scope as TokenScope[] | undefined) ?? [TokenScope.submitReports],
    );
    process.stdout.write(`${token}\n`);
  } finally {
    await database.close();
  }
}
