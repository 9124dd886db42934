import pg from "pg";
import { createProgress, formatDuration } from "../../src/commands/progress.js";
import type { ReportGenerator } from "../generate/report.generate.js";
import { bulkLoad } from "../load/bulk-load.js";
import type { DerivedLoader } from "../load/derived.loader.js";
import { copyDocuments } from "../load/document.store.js";
import {
  analyze,
  type BenchDatabaseTarget,
  expectedMigrations,
  type LoadMarker,
  readMarker,
  recreate,
  sameMarker,
  writeMarker,
} from "./bench-database.js";

/** Bump when the generator's output changes, so that databases loaded by older code are reloaded. */
export const GENERATOR_VERSION = 1;

export interface PreparedData {
  reused: boolean;
  /** Seconds the load took; absent when reused. */
  loadSeconds?: number;
  reportsPerSecond?: number;
}

/** Makes sure the benchmark database holds exactly the generator's reports, loading them if not. */
export async function prepareBenchData(
  target: BenchDatabaseTarget,
  generator: ReportGenerator,
  derived: DerivedLoader,
  say: (line: string) => void,
): Promise<PreparedData> {
  const existing = await readMarker(target);
  const wanted: LoadMarker = {
    seed: generator.seed,
    size: generator.size,
    generator: GENERATOR_VERSION,
    derived: derived.name,
    migrations: expectedMigrations(),
  };
  if (existing && sameMarker(existing, wanted)) {
    say(`reusing ${describeTarget(target)}: ${generator.size.toLocaleString("en-US")} reports, seed ${generator.seed}`);
    return { reused: true };
  }
  say(
    `loading ${generator.size.toLocaleString("en-US")} reports into ${describeTarget(target)} (derived: ${derived.name})`,
  );
  const database = await recreate(target);
  try {
    const started = performance.now();
    const progress = createProgress();
    const copier = target.kind === "postgres" ? new pg.Client({ connectionString: target.url }) : undefined;
    await copier?.connect();
    try {
      progress.start(generator.size, "loading");
      await bulkLoad(database.db, {
        generator,
        derived,
        onProgress: (done) => progress.update(done),
        ...(copier ? { writeDocuments: (rows) => copyDocuments(copier, rows) } : {}),
      });
    } finally {
      progress.stop();
      await copier?.end();
    }
    await analyze(database);
    const loadSeconds = (performance.now() - started) / 1000;
    // The progress line is silent off a terminal: logs get this line instead.
    say(
      `loaded in ${formatDuration(loadSeconds * 1000)}, ${Math.round(generator.size / loadSeconds).toLocaleString("en-US")} reports/s`,
    );
    await writeMarker(target, wanted);
    return { reused: false, loadSeconds, reportsPerSecond: generator.size / loadSeconds };
  } finally {
    await database.close();
  }
}

export function describeTarget(target: BenchDatabaseTarget): string {
  return target.kind === "pglite" ? `PGlite at ${target.dataDir}` : `Postgres database ${target.name}`;
}
