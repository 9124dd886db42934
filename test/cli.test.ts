import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { migrateCommand } from "../src/commands/migrate.command.js";
import { testerTokenCommand } from "../src/commands/tester.command.js";
import { uploadsImportCommand } from "../src/commands/uploads-import.command.js";
import { UsageError } from "../src/commands/usage-error.js";
import { openDatabase } from "../src/db/client.js";
import { DatabaseUnavailableError } from "../src/db/open.js";
import { findTokenHolder } from "../src/db/queries/tester.queries.js";
import { runCommand } from "./helpers/command.js";
import { migratedDataDir } from "./helpers/database.js";

// The commands themselves, in this process, with only the given settings. An error they throw
// is one the CLI prints as `error: <message>` on one line and exits 1 with (cli-process.test.ts).
describe("cli commands", () => {
  it("stops with one line naming an unreachable database", async () => {
    const run = await runCommand(migrateCommand(), [], { DATABASE_URL: "postgres://nobody@127.0.0.1:1/none" });
    expect(run.error).toBeInstanceOf(DatabaseUnavailableError);
    expect((run.error as Error).message).toBe(
      "cannot open the database (postgres://nobody@127.0.0.1:1/none): connect ECONNREFUSED 127.0.0.1:1",
    );
    expect(run.stdout).toBe("");
  });

  it("issues an API token once, and refuses an unknown scope in one line", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "cpt-data-"));
    // Migrated already: creating the embedded database is the uploads test's part.
    await migratedDataDir(dataDir);
    const env = { DATA_DIR: dataDir };
    const issued = await runCommand(testerTokenCommand(), ["--email", "ada@example.org", "--label", "smoker"], env);
    expect(issued.code).toBe(0);
    expect(issued.stdout).toMatch(/^cpt_[A-Za-z0-9_-]{43}\n$/);
    const wrong = await runCommand(testerTokenCommand(), ["--email", "ada@example.org", "--scope", "root"], env);
    expect(wrong.error).toBeInstanceOf(UsageError);
    expect((wrong.error as Error).message).toBe("unknown scope root: expected report:submit, upload:write, admin");
    expect(wrong.stdout).toBe("");
    rmSync(dataDir, { recursive: true });
  });

  it("gives a second token for a known e-mail to the same tester", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "cpt-data-"));
    try {
      await migratedDataDir(dataDir);
      const env = { DATA_DIR: dataDir };
      const first = await runCommand(testerTokenCommand(), ["--email", "ada@example.org", "--name", "Ada"], env);
      const second = await runCommand(
        testerTokenCommand(),
        ["--email", "Ada@Example.org", "--name", "Someone Else"],
        env,
      );
      expect([first.code, second.code]).toEqual([0, 0]);
      const database = await openDatabase({ dataDir });
      try {
        const holders = await Promise.all(
          [first, second].map(async (run) => (await findTokenHolder(database.db, run.stdout.trim()))?.tester),
        );
        expect(holders[0]).toMatchObject({ fullName: "Ada", email: "ada@example.org" });
        expect(holders[1]).toEqual(holders[0]);
      } finally {
        await database.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it("refuses the embedded database while it is open, and keeps the token made once it is not", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "cpt-data-"));
    try {
      await migratedDataDir(dataDir);
      const env = { DATA_DIR: dataDir };
      const holder = await openDatabase({ dataDir });
      const refused = await runCommand(testerTokenCommand(), ["--email", "ada@example.org"], env).finally(() =>
        holder.close(),
      );
      expect(refused.error).toBeInstanceOf(DatabaseUnavailableError);
      expect((refused.error as Error).message).toMatch(
        new RegExp(
          `^the embedded database in ${dataDir} is in use by process ${process.pid} \\(.+\\); stop it, or use DATABASE_URL$`,
        ),
      );
      expect(refused.stdout).toBe("");

      const issued = await runCommand(testerTokenCommand(), ["--email", "ada@example.org"], env);
      expect(issued.code).toBe(0);
      const database = await openDatabase({ dataDir });
      try {
        expect(await findTokenHolder(database.db, issued.stdout.trim())).toMatchObject({
          tester: { email: "ada@example.org" },
        });
      } finally {
        await database.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it("stops with one line naming a data directory it cannot write", async () => {
    const directory = mkdtempSync(join(tmpdir(), "cpt-cli-"));
    const file = join(directory, "not-a-directory");
    writeFileSync(file, "");
    const run = await runCommand(migrateCommand(), [], { DATA_DIR: join(file, "data") });
    expect(run.error).toBeInstanceOf(DatabaseUnavailableError);
    expect((run.error as Error).message).toBe(
      `the data directory ${file}/data is not writable (ENOTDIR): ` +
        "set DATA_DIR to a directory this user can write, or DATABASE_URL to use Postgres",
    );
    rmSync(directory, { recursive: true });
  });

  it("imports an uploads list into the embedded database, once", async () => {
    const directory = await mkdtemp(join(tmpdir(), "cpt-cli-"));
    try {
      const list = join(directory, "uploads.txt");
      await writeFile(list, "ALICE/Foo-Bar-1.00.tar.gz 2026-05-01T10:00:00Z\nBOB/Baz-0.1.zip 1777629600\n");
      const env = { DATA_DIR: join(directory, "data"), LOG_LEVEL: "silent" };
      const uploadsImport = (args: string[]) => runCommand(uploadsImportCommand(), args, env);
      expect(await uploadsImport([list])).toEqual({
        code: 0,
        stdout: "2 uploads added, 0 completed, 0 already known\n",
        stderr: "",
      });
      expect(await uploadsImport([list])).toEqual({
        code: 0,
        stdout: "0 uploads added, 0 completed, 2 already known\n",
        stderr: "",
      });
      const nowhere = join(directory, "nope.txt");
      expect(await uploadsImport([nowhere])).toEqual({
        code: 1,
        stdout: "",
        stderr: `error: cannot read the uploads list ${nowhere}: ENOENT: no such file or directory, access '${nowhere}'\n`,
      });
      const missingFile = await uploadsImport([]);
      expect(missingFile.code).toBe(2);
      expect(missingFile.stderr).toMatch(/^usage: uploads:import <file \| ->\n/);
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
});
