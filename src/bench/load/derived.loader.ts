import { sql } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { deriveReportFacts, type ReportFacts } from "../../report/index.js";
import type { GeneratedReport } from "../generate/report.generate.js";
import { rebuildRollups } from "./rollups.stand-in.js";

/**
 * How the bulk loader fills the derived tables (reports, releases, matrices, statistics) from the
 * documents it has stored. The benchmark must measure data made by the real transforms, so this is
 * the seam where the ETL's own batch function plugs in.
 */
export interface DerivedLoader {
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

/**
 * Stand-in until the ETL's batch function is on this branch: report rows from the report model's
 * own `deriveReportFacts`, then every rollup rebuilt in set-based SQL at the end. At the merge,
 * replace it with a loader whose afterBatch runs the ETL over the batch and whose finish does
 * nothing, and set marksProcessed to false if the ETL marks the documents itself.
 */
export const standInDerivedLoader: DerivedLoader = {
  name: "stand-in: deriveReportFacts + SQL rollups",
  marksProcessed: true,
  async afterBatch(db, batch) {
    const facts = batch
      .map(({ document, receivedAt }) => ({ facts: deriveReportFacts(document), receivedAt }))
      .filter(({ facts }) => facts.counted);
    await insertReportRows(db, facts);
  },
  finish: (db) => rebuildRollups(db),
};

async function insertReportRows(db: Db, rows: readonly { facts: ReportFacts; receivedAt: Date }[]): Promise<void> {
  if (rows.length === 0) return;
  const column = <T>(pick: (facts: ReportFacts) => T) => sql.param(rows.map((row) => pick(row.facts)));
  await db.execute(sql`
    insert into reports (guid, grade, dist, version, tester, perl, perl_major, perl_minor, perl_patch,
                         perl_maturity, perl_patched, platform, osname, osversion, submitted_at, received_at)
    select * from unnest(
      ${column((f) => f.guid)}::uuid[], ${column((f) => f.grade)}::text[], ${column((f) => f.dist)}::text[],
      ${column((f) => f.version)}::text[], ${column((f) => f.tester)}::text[], ${column((f) => f.perl)}::text[],
      ${column((f) => f.perlMajor)}::smallint[], ${column((f) => f.perlMinor)}::smallint[],
      ${column((f) => f.perlPatch)}::smallint[], ${column((f) => f.perlMaturity)}::text[],
      ${column((f) => f.perlPatched)}::boolean[], ${column((f) => f.platform)}::text[],
      ${column((f) => f.osname)}::text[], ${column((f) => f.osversion ?? "")}::text[],
      ${column((f) => f.submittedAt.toISOString())}::timestamptz[],
      ${sql.param(rows.map((row) => row.receivedAt.toISOString()))}::timestamptz[]
    )`);
}
