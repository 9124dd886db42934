import { readFileSync } from "node:fs";
import mysql from "mysql2/promise";
import pg from "pg";
import { pino } from "pino";
import { from as copyFrom } from "pg-copy-streams";
import { INTAKE_JSON_DEFAULTS } from "../../src/config.js";
import { etlAlongside } from "../../src/commands/etl-alongside.js";
import { LEGACY_BATCH_SIZE, LEGACY_ETL_BATCH_SIZE } from "../../src/commands/legacy-import.command.js";
import { importLegacy } from "../../src/intake/legacy/legacy.importer.js";
import { MysqlSource, type SourceTable } from "../../src/intake/legacy/mysql.source.js";
import { openBenchDatabase } from "../harness/bench-database.js";
import type { Figure } from "../harness/results.js";
import type { Scenario } from "../scenario.js";

/** Reports in the original's test_report: 1 million (smoke: 2,000), or BENCH_LEGACY_REPORTS (e.g. 100000). */
const SIZES = { full: 1_000_000, smoke: 2_000 };
const sizeOverride = process.env.BENCH_LEGACY_REPORTS ? Number(process.env.BENCH_LEGACY_REPORTS) : undefined;
const PAGE = LEGACY_BATCH_SIZE;
const MYSQL_URL = process.env.BENCH_MYSQL_URL ?? "mysql://root@127.0.0.1:3306";
const log = pino({ level: "error" });
const ddl = readFileSync(new URL("../../test/fixtures/legacy/cpanstats.mysql.sql", import.meta.url), "utf8");

export const scenario: Scenario = {
  name: "legacy-import",
  summary:
    "import:legacy of the original's test_report from MariaDB into the platform (documents stored and counted by " +
    "the ETL), beside the raw rates of reading the same rows from MariaDB and of COPYing them into Postgres; " +
    "RSS at a tenth of the rows and at the end.",
  order: 45,
  async run(context) {
    const size = sizeOverride ?? (context.options.smoke ? SIZES.smoke : SIZES.full);
    const database = `bench_legacy_${process.pid}`;
    const admin = await mysql.createConnection({ uri: MYSQL_URL, multipleStatements: true });
    try {
      await admin.query(`DROP DATABASE IF EXISTS \`${database}\``);
      await admin.query(`CREATE DATABASE \`${database}\``);
      await admin.query(`USE \`${database}\``);
      await admin.query(ddl);
      context.say(`  filling test_report with ${size} reports`);
      for (let start = 0; start < size; start += PAGE) {
        const rows = [];
        for (let i = start; i < Math.min(size, start + PAGE); i++) {
          const { metabase: _provenance, ...report } = context.generator.reportAt(i).document;
          rows.push([report.id, report.created.slice(0, 19).replace("T", " "), JSON.stringify(report)]);
        }
        await admin.query("INSERT INTO test_report (id, created, report) VALUES ?", [rows]);
      }
      const url = new URL(MYSQL_URL);
      url.pathname = `/${database}`;
      const source = await MysqlSource.open(url.toString());
      try {
        const read = await timeRead(source, size);
        context.say(`  raw read: ${read.ms.toFixed(0)} ms`);
        const target = await context.scratchDatabase();
        const copy = target.kind === "postgres" ? await timeCopy(source, target.url, size) : undefined;
        if (copy) context.say(`  raw COPY: ${copy.ms.toFixed(0)} ms`);

        const opened = await openBenchDatabase(target);
        try {
          let rssAtTenth = 0;
          const started = performance.now();
          // As the command runs it: the ETL counts documents as pages commit.
          const etlLoop = etlAlongside({ db: opened.db, log }, LEGACY_ETL_BATCH_SIZE);
          const [summary] = await importLegacy({
            db: opened.db,
            source,
            metabaseDatabase: database,
            tables: ["test_report"],
            batchSize: PAGE,
            limits: INTAKE_JSON_DEFAULTS,
            onPage: (_table, s) => {
              if (rssAtTenth === 0 && s.read >= size / 10) rssAtTenth = process.memoryUsage().rss;
              etlLoop.poke();
            },
          });
          const imported = performance.now();
          const etl = await etlLoop.finish();
          const ms = performance.now() - started;
          const rssAtEnd = process.memoryUsage().rss;
          if (summary?.imported !== size || etl.counted !== size) {
            throw new Error(`expected ${size} imported and counted, got ${summary?.imported} and ${etl.counted}`);
          }
          const growth = rssAtEnd / rssAtTenth;
          context.say(
            `  import ${(imported - started).toFixed(0)} ms, the ETL's rest ${(performance.now() - imported).toFixed(0)} ms; ` +
              `RSS ${mb(rssAtTenth)} at ${size / 10} rows, ${mb(rssAtEnd)} at ${size} (${growth.toFixed(2)}×)`,
          );
          const figure = (contender: string, millis: number): Figure => ({
            contender,
            medianMs: millis,
            throughput: (size / millis) * 1000,
            unit: "reports/s",
          });
          return {
            rows: [
              {
                case: `import:legacy of ${size} reports (stored and counted)`,
                subject: figure("import:legacy + ETL", ms),
                baselines: [
                  figure("raw keyset read from MariaDB", read.ms),
                  ...(copy ? [figure("raw COPY into Postgres", copy.ms)] : []),
                ],
                note: `target 5,000 reports/s; RSS at the end ${growth.toFixed(2)}× RSS at a tenth (target within 1.10×)`,
              },
            ],
          };
        } finally {
          await opened.close();
        }
      } finally {
        await source.close();
      }
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS \`${database}\``);
      await admin.end();
    }
  },
};

const REPORTS: SourceTable = {
  name: "test_report",
  database: "",
  table: "test_report",
  key: "id",
  numericKey: false,
  columns: ["id", "created", "report"],
};

/** Every row read in key order, as the importer reads them, and nothing done with them. */
async function timeRead(source: MysqlSource, size: number): Promise<{ ms: number }> {
  const started = performance.now();
  let rows = 0;
  for await (const page of source.pages({ ...REPORTS, database: source.database }, { pageSize: PAGE })) {
    rows += page.length;
  }
  if (rows !== size) throw new Error(`read ${rows} rows, expected ${size}`);
  return { ms: performance.now() - started };
}

/** The same rows COPYed as they are (id and JSON) into a table of their own: Postgres's fastest way in. */
async function timeCopy(source: MysqlSource, url: string, size: number): Promise<{ ms: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("create unlogged table bench_legacy_copy (id uuid primary key, document jsonb not null)");
    // Compressed as report_documents compresses (lz4 where the server has it), so that the
    // baseline differs from the import in the work it leaves out, not in its compression.
    await client.query(`do $$ begin
      if (select attcompression from pg_attribute where attrelid = 'report_documents'::regclass and attname = 'document') = 'l'
      then alter table bench_legacy_copy alter column document set compression lz4; end if; end $$`);
    const started = performance.now();
    for await (const page of source.pages({ ...REPORTS, database: source.database }, { pageSize: PAGE })) {
      const stream = client.query(copyFrom("copy bench_legacy_copy (id, document) from stdin with (format csv)"));
      const done = new Promise<void>((resolve, reject) => {
        stream.on("finish", resolve);
        stream.on("error", reject);
      });
      for (const row of page) {
        const text = typeof row.report === "string" ? row.report : JSON.stringify(row.report);
        stream.write(`${String(row.id)},"${text.replaceAll('"', '""')}"\n`);
      }
      stream.end();
      await done;
    }
    const ms = performance.now() - started;
    const { rows } = await client.query<{ n: string }>("select count(*) as n from bench_legacy_copy");
    if (Number(rows[0]?.n) !== size) throw new Error(`copied ${rows[0]?.n} rows, expected ${size}`);
    return { ms };
  } finally {
    await client.end();
  }
}

const mb = (bytes: number) => `${(bytes / 1024 ** 2).toFixed(0)} MB`;
