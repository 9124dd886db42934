import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { deflateSync } from "node:zlib";
import { eq } from "drizzle-orm";
import mysql from "mysql2/promise";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requireMetabaseTester } from "../src/auth/tester.auth.js";
import { legacyImportCommand } from "../src/commands/legacy-import.command.js";
import { type Database, openDatabase } from "../src/db/client.js";
import { legacyImportRejects, reportDocuments, reports, testers, uploads } from "../src/db/schema/index.js";
import { runCommand } from "./helpers/command.js";
import { createTestDatabase, migratedDataDir, testBackends } from "./helpers/database.js";
import { startCli } from "./helpers/process.js";

/*
 * The importer against the real thing: the original's tables (our fixture of CPAN::Testers::Schema's
 * MySQL DDL and of the legacy Metabase cache) in MariaDB databases of their own, filled with rows
 * shaped like the original's test data, imported into PGlite (and Postgres with TEST_DATABASE_URL)
 * by a child process that is SIGKILLed half-way, then resumed.
 *
 * TEST_MYSQL_URL names the server (mysql://root@127.0.0.1:3306). Without it vitest.config.ts leaves
 * this file out and the run says so in one line; .ci/run starts MariaDB and sets it.
 */
const mysqlUrl = process.env.TEST_MYSQL_URL ?? "";
const fixture = (name: string) => readFileSync(new URL(`./fixtures/legacy/${name}`, import.meta.url), "utf8");

const USERS = {
  ada: "322078bc-2aae-11df-837a-5e0a49663a4f",
  bob: "8f2f7f9e-1c2d-11e7-93ae-92361f002671",
};
const VALID = 12;
const guid = (n: number) => `0000${n.toString(16).padStart(4, "0")}-2aec-11e7-a074-e1beba07c9dd`;
const INVALID_GUID = "ffff0001-2aec-11e7-a074-e1beba07c9dd";
const CACHE_GUID = "4fe9f782-4594-11df-b067-2bba90befd91";
const SEREAL_GUID = "69952598-c015-11ee-98b0-b3c3213a625c";

function v3Report(n: number, perl = "5.22.2"): Record<string, unknown> {
  return {
    id: guid(n),
    created: `2017-04-2${n % 10}T10:00:00Z`,
    reporter: { name: "Ada Lovelace", email: "ada@example.org" },
    environment: {
      language: { name: "Perl 5", version: perl, archname: "x86_64-linux" },
      system: { osname: "linux", osversion: "3.16.0-4-amd64" },
    },
    distribution: n % 2 === 0 ? { name: "Crypt-Ed25519", version: "1.04" } : { name: "Data-Printer", version: "0.39" },
    result: { grade: n % 3 === 0 ? "fail" : "pass", output: { uncategorized: `report ${n}` } },
  };
}

/** The JSON form of a cache row as the original wrote it: facts by class, zlib-compressed. */
function cacheReport(): Buffer {
  const core = (type: string, id: string) => ({
    resource: "cpan:///distfile/HVC/Video-Manip-0.02.tar.gz",
    update_time: "2010-04-11T18:01:54Z",
    creator: `metabase:user:${USERS.ada}`,
    type,
    creation_time: "2010-04-11T18:01:54Z",
    guid: id,
    schema_version: 1,
    valid: 1,
  });
  const content = {
    osversion: "7.2-release",
    archname: "i386-freebsd",
    perl_version: "v5.8.9",
    osname: "freebsd",
    grade: "fail",
  };
  return deflateSync(
    JSON.stringify({
      "CPAN::Testers::Fact::LegacyReport": {
        metadata: { core: core("CPAN-Testers-Fact-LegacyReport", "4feb9e8e-4594-11df-b067-2bba90befd91") },
        content: JSON.stringify({ ...content, textreport: "Dear HVC,\nThis is a computer-generated error report" }),
      },
      "CPAN::Testers::Fact::TestSummary": {
        metadata: { core: core("CPAN-Testers-Fact-TestSummary", "4febc3c8-4594-11df-b067-2bba90befd91") },
        content,
      },
    }),
  );
}

async function fillOriginal(connection: mysql.Connection, main: string, metabase: string): Promise<void> {
  await connection.query(`CREATE DATABASE \`${main}\``);
  await connection.query(`CREATE DATABASE \`${metabase}\``);
  await connection.query(`USE \`${main}\``);
  await connection.query(fixture("cpanstats.mysql.sql"));
  await connection.query("INSERT INTO metabase_user (resource, fullname, email) VALUES ?", [
    [
      [`metabase:user:${USERS.ada}`, "Ada &quot;Countess&quot; Lovelace", "ada@example.org"],
      [`metabase:user:${USERS.bob}`, "Bob", null],
      ["metabase:user:not-a-uuid", "Nobody", "nobody@example.org"],
    ],
  ]);
  await connection.query("INSERT INTO perl_version (version, perl, patch, devel) VALUES ?", [
    [
      ["5.22.2", "5.22.2", 0, 0],
      ["5.25.3", "5.25.3", 0, 1],
      ["v5.24.1", "5.24.1", 0, 0],
    ],
  ]);
  await connection.query("INSERT INTO uploads (type, author, dist, version, filename, released) VALUES ?", [
    [
      ["cpan", "MLEHMANN", "Crypt-Ed25519", "1.04", "Crypt-Ed25519-1.04.tar.gz", 1488000000],
      ["backpan", "GARU", "Data-Printer", "0.39", "Data-Printer-0.39.tar.gz", 1490000000],
      ["cpan", "HVC", "Video-Manip", "0.02", "Video-Manip-0.02.tar.gz", 1270000000],
    ],
  ]);
  const rows = Array.from({ length: VALID }, (_, i) => {
    const report = v3Report(i + 1, i === 4 ? "5.25.3" : "5.22.2");
    return [guid(i + 1), "2017-04-20 10:00:00", JSON.stringify(report)];
  });
  // Counted by the original, refused by intake: a perl version with a leading "v".
  rows.push([INVALID_GUID, "2017-04-20 10:00:00", JSON.stringify({ ...v3Report(99, "v5.24.1"), id: INVALID_GUID })]);
  await connection.query("INSERT INTO test_report (id, created, report) VALUES ?", [rows]);
  // The original's own counts, as its ETL derived them.
  const stats = [...rows.keys()].map((i) => {
    const n = i + 1;
    const invalid = i === VALID;
    const dist = invalid || n % 2 === 1 ? ["Data-Printer", "0.39", 2] : ["Crypt-Ed25519", "1.04", 1];
    const perl = invalid ? "v5.24.1" : i === 4 ? "5.25.3" : "5.22.2";
    const state = invalid ? "pass" : n % 3 === 0 ? "fail" : "pass";
    return [
      invalid ? INVALID_GUID : guid(n),
      state,
      201704,
      "Ada",
      dist[0],
      dist[1],
      "x86_64-linux",
      perl,
      "linux",
      "3.16",
      "201704201000",
      2,
      dist[2],
    ];
  });
  await connection.query(
    "INSERT INTO cpanstats (guid, state, postdate, tester, dist, version, platform, perl, osname, osvers, fulldate, type, uploadid) VALUES ?",
    [stats],
  );
  await connection.query(
    `INSERT INTO release_summary (dist, version, id, guid, oncpan, distmat, perlmat, patched, pass, fail, na, unknown, uploadid)
     SELECT c.dist, c.version, c.id, c.guid, 1, 1, IF(p.devel = 1, 2, 1), 1, c.state = 'pass', c.state = 'fail', c.state = 'na', c.state = 'unknown', c.uploadid
     FROM cpanstats c JOIN perl_version p ON p.version = c.perl`,
  );
  await connection.query(`USE \`${metabase}\``);
  await connection.query(fixture("metabase.mysql.sql"));
  await connection.query("INSERT INTO metabase (guid, id, updated, report, fact) VALUES ?", [
    [
      [CACHE_GUID, 7364689, "2010-04-11T18:01:54Z", cacheReport(), ""],
      // Only the Sereal form (compressed, as the original stored it): counted, not imported.
      [
        SEREAL_GUID,
        140000000,
        "1706690869",
        "",
        deflateSync(Buffer.from("=\u00f3rl\u0004\u0000sereal body", "latin1")),
      ],
    ],
  ]);
}

describe("import:legacy from MariaDB", { timeout: 240_000 }, () => {
  const name = `cpt_legacy_${randomBytes(5).toString("hex")}`;
  const names = { main: name, metabase: `${name}_metabase` };
  let admin: mysql.Connection;
  const fromUrl = () => {
    const url = new URL(mysqlUrl);
    url.pathname = `/${names.main}`;
    return url.toString();
  };

  beforeAll(async () => {
    admin = await mysql.createConnection({ uri: mysqlUrl, multipleStatements: true });
    await fillOriginal(admin, names.main, names.metabase);
  });
  afterAll(async () => {
    await admin?.query(`DROP DATABASE IF EXISTS \`${names.main}\``);
    await admin?.query(`DROP DATABASE IF EXISTS \`${names.metabase}\``);
    await admin?.end();
  });

  for (const backend of testBackends()) {
    it(`imports, is killed half-way, resumes and verifies (${backend.name})`, async () => {
      // A database that child processes can open: PGlite on disk, or a Postgres database of its own.
      let env: Record<string, string>;
      let open: () => Promise<Database>;
      let cleanup: () => Promise<void>;
      if (backend.postgresUrl) {
        const target = await createTestDatabase(backend);
        await target.database.close();
        env = { DATABASE_URL: target.url as string };
        open = () => openDatabase({ url: target.url });
        cleanup = async () => {
          await target.drop().catch(() => undefined);
        };
      } else {
        const dataDir = mkdtempSync(join(tmpdir(), "cpt-legacy-"));
        await migratedDataDir(dataDir);
        env = { DATA_DIR: dataDir };
        open = () => openDatabase({ dataDir });
        cleanup = async () => rmSync(dataDir, { recursive: true, force: true });
      }
      const args = ["import:legacy", "--from", fromUrl(), "--metabase-database", names.metabase, "--batch-size", "2"];
      try {
        // Killed once the first page of reports has committed: between two pages, at the latest
        // in the middle of a later one.
        const first = await startCli(args, { ...env, LOG_LEVEL: "debug" }, "legacy page committed: test_report");
        first.child.kill("SIGKILL");
        await once(first.child, "close");

        const resumed = await runCommand(legacyImportCommand(), args.slice(1), env);
        expect(resumed.stderr).toBe("");
        expect(resumed.code).toBe(0);
        const line = (table: string) => resumed.stdout.split("\n").find((l) => l.startsWith(`${table}:`)) ?? "";
        // Resumed after the last committed page: rows committed before the kill are not read again.
        const reportsRead = Number(/: (\d+) read/.exec(line("test_report"))?.[1]);
        expect(reportsRead).toBeLessThan(VALID + 1);
        expect(line("test_report")).toMatch(/already there, [01] invalid/);
        expect(line("metabase_user")).toBe("metabase_user: 0 read, 0 imported, 0 already there, 0 invalid");
        expect(line("metabase.metabase")).toContain("2 read, 1 imported, 0 already there, 1 invalid");
        expect(resumed.stdout).toContain(`1 invalid: /report is Sereal-encoded only`);
        expect(resumed.stdout).toMatch(/etl: \d+ reports counted, 0 failed/);

        // Again: everything is there; nothing is read twice or stored twice.
        const again = await runCommand(legacyImportCommand(), args.slice(1), env);
        expect(again.stdout).toContain("test_report: 0 read, 0 imported");
        // --since reads under a checkpoint of its own: the reports created from that time.
        const since = ["--tables", "test_report", "--no-etl", "--since"];
        const later = await runCommand(legacyImportCommand(), [...args.slice(1), ...since, "2017-04-21"], env);
        expect(later.stdout).toBe("test_report: 0 read, 0 imported, 0 already there, 0 invalid\n");
        const from = await runCommand(legacyImportCommand(), [...args.slice(1), ...since, "2017-04-20"], env);
        expect(from.stdout).toMatch(/^test_report: 13 read, 0 imported, 12 already there, 1 invalid\n/);

        const verify = await runCommand(legacyImportCommand(), [...args.slice(1), "--verify"], env);
        expect(verify.error).toBeUndefined();
        expect(verify.code).toBe(1);
        expect(verify.stdout).toContain("release Data-Printer 0.39: original pass 5, fail 2, na 0, unknown 0;");
        expect(verify.stdout).toContain(
          `1 × counted by the original, refused by our validation: /environment/language/version must match pattern`,
        );
        expect(verify.stdout).toContain(INVALID_GUID);
        expect(verify.stdout).not.toContain("Crypt-Ed25519");

        const database = await open();
        try {
          const { db } = database;
          const documents = await db
            .select({ id: reportDocuments.id, source: reportDocuments.source })
            .from(reportDocuments);
          expect(documents).toHaveLength(VALID + 1);
          expect(documents.filter((d) => d.source === "legacy")).toHaveLength(VALID);
          expect(documents.find((d) => d.id === CACHE_GUID)?.source).toBe("legacy-metabase");
          expect(await db.$count(reports)).toBe(VALID + 1);

          const [report] = await db
            .select()
            .from(reports)
            .where(eq(reports.guid, guid(5)));
          expect(report).toMatchObject({
            grade: "pass",
            dist: "Data-Printer",
            version: "0.39",
            perl: "5.25.3",
            perlMaturity: "dev",
            osname: "linux",
            platform: "x86_64-linux",
            tester: "Ada Lovelace <ada@example.org>",
          });
          const [cached] = await db.select().from(reports).where(eq(reports.guid, CACHE_GUID));
          expect(cached).toMatchObject({
            grade: "fail",
            dist: "Video-Manip",
            version: "0.02",
            perl: "5.8.9",
            osname: "freebsd",
            tester: 'Ada "Countess" Lovelace <ada@example.org>',
          });

          const imported = await db.select().from(testers).orderBy(testers.id);
          expect(imported.map((t) => [t.id, t.fullName, t.email, t.secretHash])).toEqual([
            [USERS.ada, 'Ada "Countess" Lovelace', "ada@example.org", null],
            [USERS.bob, "Bob", "", null],
          ]);
          expect(
            await db
              .select({ dist: uploads.dist, location: uploads.location, author: uploads.author })
              .from(uploads)
              .orderBy(uploads.dist),
          ).toEqual([
            { dist: "Crypt-Ed25519", location: "cpan", author: "MLEHMANN" },
            { dist: "Data-Printer", location: "backpan", author: "GARU" },
            { dist: "Video-Manip", location: "cpan", author: "HVC" },
          ]);
          const rejected = await db
            .select({ table: legacyImportRejects.sourceTable, key: legacyImportRejects.sourceKey })
            .from(legacyImportRejects)
            .orderBy(legacyImportRejects.sourceTable);
          expect(rejected).toEqual([
            { table: "metabase.metabase", key: SEREAL_GUID },
            { table: "metabase_user", key: "3" },
            { table: "test_report", key: INVALID_GUID },
          ]);

          // The imported profile's first submission sets its secret; another secret is refused after.
          const basic = (secret: string) => `Basic ${Buffer.from(`${USERS.bob}:${secret}`).toString("base64")}`;
          expect((await requireMetabaseTester(db, basic("first"))).tester.id).toBe(USERS.bob);
          await expect(requireMetabaseTester(db, basic("second"))).rejects.toThrow(/wrong secret/);
          expect((await requireMetabaseTester(db, basic("first"))).tester.id).toBe(USERS.bob);
        } finally {
          await database.close();
        }
      } finally {
        await cleanup();
      }
    });
  }

  it("names what is wrong with the source in one line", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "cpt-legacy-"));
    await migratedDataDir(dataDir);
    try {
      const unreachable = await runCommand(legacyImportCommand(), ["--from", "mysql://root@127.0.0.1:1/cpanstats"], {
        DATA_DIR: dataDir,
      });
      expect(String(unreachable.error)).toMatch(
        /^LegacySourceError: cannot read the original database at mysql:\/\/root@127\.0\.0\.1:1\/cpanstats: .*ECONNREFUSED/,
      );
      const tables = await runCommand(legacyImportCommand(), ["--from", fromUrl(), "--tables", "cpanstats"]);
      expect(String(tables.error)).toBe(
        'UsageError: --tables takes metabase_user, perl_version, uploads, test_report, metabase; got "cpanstats"',
      );
      const wrong = await runCommand(legacyImportCommand(), ["--from", "postgres://x/y"], { DATA_DIR: dataDir });
      expect(String(wrong.error)).toBe('LegacySourceError: --from must be a mysql:// URL, got the scheme "postgres"');
      const missing = await runCommand(
        legacyImportCommand(),
        ["--from", fromUrl(), "--metabase-database", `${names.main}_none`, "--tables", "metabase"],
        { DATA_DIR: dataDir },
      );
      expect(String(missing.error)).toContain("has no table `metabase.metabase`");
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
