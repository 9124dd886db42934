import { sql } from "drizzle-orm";
import type { Db } from "../../src/db/client.js";
import { distMaturity } from "../../src/report/index.js";
import type { Release } from "../generate/catalog.js";

/** Writes the catalogue's uploads, as PAUSE would have announced them, in batches of `batchSize`. */
export async function insertUploads(db: Db, releases: readonly Release[], batchSize = 5_000): Promise<void> {
  for (let start = 0; start < releases.length; start += batchSize) {
    const batch = releases.slice(start, start + batchSize);
    const column = <T>(pick: (release: Release) => T) => sql.param(batch.map(pick));
    await db.execute(sql`
      insert into uploads (dist, version, author, filename, released_at, location, maturity, provisional)
      select dist, version, author, filename, released_at, 'cpan', m, false from unnest(
        ${column((r) => r.dist)}::text[],
        ${column((r) => r.version)}::text[],
        ${column((r) => r.author)}::text[],
        ${column((r) => r.filename)}::text[],
        ${column((r) => r.released.toISOString())}::timestamptz[],
        ${column((r) => distMaturity(r.version, r.filename))}::text[]
      ) as u(dist, version, author, filename, released_at, m)
      on conflict (dist, version) do nothing`);
  }
}
