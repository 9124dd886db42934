import { Command, Option } from "commander";
import { type Config, loadConfig } from "../config.js";
import { openMigratedDatabase } from "../db/open.js";
import { createEventBus } from "../events/index.js";
import { formatSummary, importLegacy, type TableSummary } from "../intake/legacy/legacy.importer.js";
import { LEGACY_TABLES, type LegacyTable } from "../intake/legacy/legacy.tables.js";
import { formatDifferences, verifyLegacy } from "../intake/legacy/legacy.verify.js";
import { LegacySourceError, MysqlSource } from "../intake/legacy/mysql.source.js";
import { createLogger } from "../log.js";
import { etlAlongside } from "./etl-alongside.js";
import { eventBusOptions } from "./event-bus.options.js";
import { createProgress } from "./progress.js";
import { UsageError } from "./usage-error.js";

/** Rows per page read from MySQL and per transaction written; bounds memory whatever the table size. */
export const LEGACY_BATCH_SIZE = 1_000;

/**
 * Documents per ETL transaction beside the import (ETL_BATCH_SIZE, 500 by default, is sized for
 * intake's latency): a larger batch adds up more reports into each rollup row it writes (a day,
 * a release, a matrix cell) and pays a transaction's fixed costs fewer times.
 */
export const LEGACY_ETL_BATCH_SIZE = 2_000;

const about = `
Reads the original CPAN Testers database (MySQL/MariaDB) in primary-key order and brings in its
testers (metabase_user: the profile GUIDs, so existing clients keep working; the first Metabase
submission of an imported profile sets its secret), perl versions, uploads, and every report of
test_report and of the legacy Metabase cache (metabase.metabase, JSON form) as stored documents,
through intake's validation. The ETL then counts them (here, unless --no-etl, and in any running
ETL worker). Rows that fail are kept in legacy_import_rejects with their reason and counted.
Stopped at any point and started again, it goes on after the last committed page; nothing is
imported twice (the GUID is the key). --verify compares the original's release_summary and
cpanstats counts with ours and explains every difference.`;

interface LegacyImportFlags {
  from?: string;
  since?: string;
  tables?: string;
  metabaseDatabase: string;
  batchSize: string;
  etl: boolean;
  verify?: boolean;
  quiet?: boolean;
}

/** `import:legacy`: migration from the running CPAN Testers database. */
export function legacyImportCommand(): Command {
  return new Command("import:legacy")
    .description("import the original CPAN Testers database (MySQL/MariaDB)")
    .addOption(new Option("--from <url>", "the original database, mysql://user:password@host:3306/cpanstats"))
    .option("--since <date>", "only reports created at or after this date (ISO 8601, UTC)")
    .option("--tables <list>", `comma-separated subset of ${LEGACY_TABLES.join(",")}`)
    .option("--metabase-database <name>", "the database holding the legacy Metabase cache table", "metabase")
    .option("--batch-size <n>", "rows per page and per transaction", String(LEGACY_BATCH_SIZE))
    .option("--no-etl", "store the documents only; ETL workers count them")
    .option("--verify", "compare the original's summaries with ours instead of importing")
    .option("--quiet", "no progress line")
    .addHelpText("after", about)
    .action(async (flags: LegacyImportFlags) => {
      await runLegacyImport(loadConfig(), flags);
    });
}

async function runLegacyImport(config: Config, flags: LegacyImportFlags): Promise<void> {
  if (!flags.from) throw new UsageError("import:legacy needs --from mysql://user:password@host:3306/cpanstats");
  const tables = parseTables(flags.tables);
  const since = flags.since === undefined ? undefined : parseSince(flags.since);
  const batchSize = Number(flags.batchSize);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 100_000) {
    throw new UsageError(`--batch-size must be 1..100000, got "${flags.batchSize}"`);
  }
  // The source first: a wrong URL is told before anything is opened or migrated here.
  const source = await MysqlSource.open(flags.from);
  try {
    const log = createLogger(config);
    const database = await openMigratedDatabase(config);
    const events = await createEventBus(config.redisUrl, log, eventBusOptions(config));
    try {
      if (flags.verify) {
        const differences = await verifyLegacy(database.db, source);
        process.stdout.write(formatDifferences(differences));
        if (differences.length > 0) process.exitCode = 1;
        return;
      }
      // The ETL counts documents as pages commit, beside the import (any `etl` worker joins in).
      const etl = flags.etl
        ? etlAlongside({ db: database.db, events, log }, Math.max(config.etl.batchSize, LEGACY_ETL_BATCH_SIZE))
        : undefined;
      let counts: { counted: number; failed: number } | undefined;
      let summaries: TableSummary[];
      try {
        summaries = await importLegacy({
          db: database.db,
          source,
          metabaseDatabase: flags.metabaseDatabase,
          tables,
          since,
          batchSize,
          limits: config.intakeJsonLimits,
          events,
          progress: createProgress({ quiet: flags.quiet ?? false }),
          onPage: (table, summary) => {
            log.debug({ table, read: summary.read }, `legacy page committed: ${table}`);
            etl?.poke();
          },
        });
      } finally {
        // Whatever the import did, the ETL loop has stopped before the database closes.
        counts = await etl?.finish();
      }
      process.stdout.write(formatSummary(summaries));
      if (counts) process.stdout.write(`etl: ${counts.counted} reports counted, ${counts.failed} failed\n`);
    } finally {
      await events.close();
      await database.close();
    }
  } finally {
    await source.close();
  }
}

function parseTables(list: string | undefined): LegacyTable[] {
  if (list === undefined) return [...LEGACY_TABLES];
  const names = list
    .split(",")
    .map((name) => name.trim())
    .filter(Boolean);
  const unknown = names.filter((name) => !(LEGACY_TABLES as readonly string[]).includes(name));
  if (unknown.length > 0 || names.length === 0) {
    throw new UsageError(`--tables takes ${LEGACY_TABLES.join(", ")}; got "${list}"`);
  }
  // Always in the import order: testers before the reports that name them.
  return LEGACY_TABLES.filter((name) => names.includes(name));
}

/** An ISO date or date-time as MySQL's `YYYY-MM-DD HH:MM:SS` in UTC. */
function parseSince(text: string): string {
  const date = /^\d{4}-\d\d-\d\d$/.test(text) ? new Date(`${text}T00:00:00Z`) : new Date(text);
  if (Number.isNaN(date.getTime()) || !/^\d{4}-\d\d-\d\d/.test(text)) {
    throw new UsageError(`--since must be an ISO 8601 date or date-time (2020-01-01), got "${text}"`);
  }
  return date.toISOString().slice(0, 19).replace("T", " ");
}

export { LegacySourceError };
