import type { Db } from "../../src/db/client.js";
import { releaseMatrices } from "../../src/db/queries/matrix.queries.js";
import { findReleases } from "../../src/db/queries/release.queries.js";
import { reportPage } from "../../src/db/queries/report.queries.js";
import { reportsPerMonth } from "../../src/db/queries/statistics.queries.js";
import { distributionsOfAuthor } from "../../src/db/queries/upload.queries.js";

/**
 * The five reads of the Read API as the bare baseline runs them: the platform's own query
 * functions, called as its resolvers call them, so the baseline sends the very statements the
 * platform sends (prepared where the platform prepares them) by construction. What the platform
 * spends beyond this is its API layer: Apollo, GraphQL execution, loaders, resolvers.
 *
 * Each names its parameters in order; the baseline route takes them from the query string.
 */
export interface ReadQuery {
  params: readonly string[];
  run(db: Db, values: readonly string[]): Promise<unknown[]>;
}

export const READ_QUERIES = {
  /** One release's counts (the original release_summary row). */
  "release-summary": {
    params: ["dist", "version"],
    run: (db, [dist = "", version = ""]) => findReleases(db, [{ dist, version }]),
  },
  /** One release's matrix: reports by perl series and OS, four grades to a cell. */
  "release-matrix": {
    params: ["dist", "version"],
    run: (db, [dist = "", version = ""]) => releaseMatrices(db, [{ dist, version }]),
  },
  /** The author dashboard: the first 100 of an author's distributions by name, each with its newest upload and that release's counts. */
  "author-dashboard": {
    params: ["author"],
    run: async (db, [author = ""]) => (await distributionsOfAuthor(db, author, { limit: 100 })).slice(0, 100),
  },
  /** The newest reports, the page everyone sees first. */
  "recent-reports": {
    params: ["limit"],
    run: async (db, [limit = ""]) => {
      const first = Number(limit);
      const page = await reportPage(db, {}, { order: "desc", limit: first });
      // The row past the page only tells the API whether another page follows.
      return page.slice(0, first).map(({ report }) => report);
    },
  },
  /** Reports per month by grade over a range of months, both inclusive (from the monthly totals rollup). */
  "monthly-statistics": {
    params: ["from", "to"],
    run: (db, [from = "", to = ""]) => reportsPerMonth(db, { from, to }),
  },
} as const satisfies Record<string, ReadQuery>;

export type ReadName = keyof typeof READ_QUERIES;
