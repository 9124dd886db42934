import { type BatchDependencies, processAll } from "../etl/process-batch.js";

export interface EtlAlongside {
  /** New documents were committed: process them. */
  poke(): void;
  /** Processes what is still waiting, then resolves with the totals. */
  finish(): Promise<{ counted: number; failed: number }>;
}

/**
 * An ETL loop beside a bulk import in the same process: it counts documents while the import reads
 * and parses the next pages, so the database work of one overlaps the JavaScript of the other.
 * It sleeps when the queue is empty until poked; `finish` drains the queue once more.
 */
export function etlAlongside(deps: BatchDependencies, batchSize: number): EtlAlongside {
  let finishing = false;
  let wake: (() => void) | undefined;
  const totals = { counted: 0, failed: 0 };
  const loop = (async () => {
    for (;;) {
      const last = finishing;
      const result = await processAll(deps, batchSize);
      totals.counted += result.counted;
      totals.failed += result.failed;
      if (last) return totals;
      if (!finishing) await new Promise<void>((resolve) => (wake = resolve));
    }
  })();
  // Seen by finish(); a failure while the import runs must not be an unhandled rejection.
  loop.catch(() => undefined);
  const poke = () => {
    wake?.();
    wake = undefined;
  };
  return {
    poke,
    finish() {
      finishing = true;
      poke();
      return loop;
    },
  };
}
