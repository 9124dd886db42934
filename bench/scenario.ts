import type { ReportGenerator } from "./generate/report.generate.js";
import type { BenchDatabaseTarget } from "./harness/bench-database.js";
import type { LoadDriver } from "./harness/load-driver.js";
import type { BenchOptions } from "./harness/options.js";
import type { RunningChild } from "./harness/process.js";
import type { ResultRow } from "./harness/results.js";
import type { TargetName } from "./harness/targets.js";
import type { ReadParams } from "./reads/read.types.js";

/**
 * A benchmark scenario. Each lives in a file `bench/scenarios/<name>.scenario.ts` exporting
 * `scenario`; the runner finds them there, so adding one is adding one file.
 */
export interface Scenario {
  /** What `--scenario` selects it by. */
  name: string;
  /** One sentence for the report: what is measured, and against what. */
  summary: string;
  /** Lower runs first; scenarios that write to scratch databases go last. */
  order: number;
  run(context: BenchContext): Promise<ScenarioOutcome>;
}

export interface ScenarioOutcome {
  rows: ResultRow[];
  notes?: string[];
}

/** What the runner gives every scenario. */
export interface BenchContext {
  readonly options: BenchOptions;
  /** The loaded benchmark database; not to be written to, other scenarios read it afterwards. */
  readonly database: BenchDatabaseTarget;
  readonly generator: ReportGenerator;
  /** The load generator (its own process). */
  readonly load: LoadDriver;
  /** Parameter sets per read, drawn from the loaded data before any scenario runs. */
  readonly readParams: ReadonlyMap<string, ReadParams[]>;
  /**
   * The server under test `name` on `database` (default: the loaded one), in a process of its own.
   * Started on first use and kept for the rest of the run (the runner stops it), since the
   * platform takes seconds to start; scenarios do not stop it.
   */
  server(name: TargetName, database?: BenchDatabaseTarget): Promise<RunningChild>;
  /** The same, restarted first: for measurements that need a process that has served nothing yet. */
  freshServer(name: TargetName, database?: BenchDatabaseTarget): Promise<RunningChild>;
  /** A fresh, migrated, empty database for scenarios that write; dropped when the run ends. */
  scratchDatabase(): Promise<BenchDatabaseTarget>;
  say(line: string): void;
}
