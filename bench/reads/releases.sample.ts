import { sql } from "drizzle-orm";
import { type Db, queryRows } from "../../src/db/client.js";
import type { ReadParams } from "./read.types.js";

/**
 * Releases to ask for: half from the most reported (the pages everyone opens), half at random
 * (the long tail, which the cache has not seen).
 */
export async function sampleReleases(db: Db, count: number): Promise<ReadParams[]> {
  const half = Math.max(1, Math.floor(count / 2));
  return queryRows<ReadParams>(
    db,
    sql`(select dist, version from releases order by pass + fail + na + unknown desc, dist, version limit ${half})
        union all
        (select dist, version from releases order by md5(dist || version) limit ${count - half})`,
  );
}
