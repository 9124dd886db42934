import type { Database } from "../db/client.js";
import { classifyDatabaseError } from "../errors/index.js";
import { type NewDocument, type StoreOutcome, storeDocuments } from "../db/queries/document.queries.js";

export interface BatcherOptions {
  /** Called after a batch that stored new documents has committed. */
  onStored?: () => void;
  /** Documents per INSERT at most. Default 200. */
  maxBatch?: number;
  /** INSERTs under way at once; more queue up and join the next batch. Default 2. */
  maxInFlight?: number;
}

interface Pending {
  document: NewDocument;
  resolve: (outcome: StoreOutcome) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for intake. Each report must be durable before it is acknowledged, and a commit per
 * report would cap intake at the disk's flush rate. Instead, the reports that arrive in one turn of
 * the event loop, and those that arrive while INSERTs are under way, go together: one commit then
 * acknowledges many. At low load a report is written alone at the end of its turn, so batching
 * never adds a wait of its own.
 */
export class DocumentBatcher {
  private readonly queue: Pending[] = [];
  private inFlight = 0;
  private pumpScheduled = false;
  private readonly maxBatch: number;
  private readonly maxInFlight: number;
  private readonly onStored: () => void;

  constructor(
    private readonly database: Pick<Database, "query">,
    options: BatcherOptions = {},
  ) {
    this.maxBatch = options.maxBatch ?? 200;
    this.maxInFlight = options.maxInFlight ?? 2;
    this.onStored = options.onStored ?? (() => undefined);
  }

  /** Resolves once the document is committed (or found already stored). */
  store(document: NewDocument): Promise<StoreOutcome> {
    return new Promise((resolve, reject) => {
      this.queue.push({ document, resolve, reject });
      // Written after the requests that arrived in this turn of the event loop have joined it.
      if (!this.pumpScheduled) {
        this.pumpScheduled = true;
        setImmediate(() => {
          this.pumpScheduled = false;
          this.pump();
        });
      }
    });
  }

  private pump(): void {
    while (this.inFlight < this.maxInFlight && this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch);
      this.inFlight += 1;
      void this.write(batch).finally(() => {
        this.inFlight -= 1;
        this.pump();
      });
    }
  }

  private async write(batch: Pending[]): Promise<void> {
    try {
      const outcomes = await storeDocuments(
        this.database,
        batch.map((pending) => pending.document),
      );
      if (outcomes.includes("created")) this.onStored();
      batch.forEach((pending, index) => pending.resolve(outcomes[index] as StoreOutcome));
    } catch (error) {
      // A database that is down fails every document alike: no point in trying them one by one.
      if (batch.length === 1 || classifyDatabaseError(error) === "unreachable") {
        for (const pending of batch) pending.reject(error);
        return;
      }
      // One bad document must not fail the reports that happened to share its INSERT.
      await Promise.all(batch.map((pending) => this.write([pending])));
    }
  }
}
