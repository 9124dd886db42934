import { pino } from "pino";
import type { Db } from "../../src/db/client.js";
import { processNextBatch } from "../../src/etl/process-batch.js";
import type { GeneratedReport } from "../generate/report.generate.js";

/**
 * How the bulk loader fills the derived tables (reports, releases, matrices, statistics) from the
 * documents it has stored. The benchmark must measure data made by the real transforms, so this is
 * the seam where the ETL plugs in.
 */
export interface DerivedLoader {
  /** Part of the bench database's marker: another loader means the data is loaded again. */
  readonly name: string;
  /**
   * True when this loader writes the derived rows itself: documents are then stored already
   * marked processed, so that no ETL worker (the one `serve` starts, for one) processes them again.
   */
  readonly marksProcessed: boolean;
  /** Called with each batch right after its documents are stored, in arrival order. */
  afterBatch(db: Db, batch: readonly GeneratedReport[]): Promise<void>;
  /** Called once after the last batch. */
  finish(db: Db): Promise<void>;
}

/** The ETL's default batch (ETL_BATCH_SIZE), so the load runs the transactions a worker would. */
const ETL_BATCH_SIZE = 500;
const log = pino({ level: "warn" });

/**
 * The ETL itself: after each stored batch, `processNextBatch` claims the waiting documents and
 * writes report rows, release counts, matrix cells and rollups in its own transactions, exactly
 * as a worker does, until nothing waits. A generated report that fails to process is a bug in the
 * generator or the ETL, so it stops the load.
 */
export const etlDerivedLoader: DerivedLoader = {
  name: "etl: processNextBatch",
  marksProcessed: false,
  async afterBatch(db) {
    for (;;) {
      const { claimed, failed } = await processNextBatch({ db, log }, ETL_BATCH_SIZE);
      if (failed.length > 0) {
        throw new Error(`the ETL failed ${failed.length} generated reports, first ${JSON.stringify(failed[0])}`);
      }
      if (claimed === 0) return;
    }
  },
  finish: async () => undefined,
};
