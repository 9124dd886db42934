import { and, desc, eq, sql } from "drizzle-orm";
import type { Db } from "../client.js";
import { type ReleaseRow, releases } from "../schema/index.js";

export interface DistVersion {
  dist: string;
  version: string;
}

/** The releases with these dist/version pairs, in no particular order; unknown ones are absent. */
export async function findReleases(db: Db, keys: readonly DistVersion[]): Promise<ReleaseRow[]> {
  if (keys.length === 0) return [];
  // Two bound arrays (sql.param: one array parameter each, not a list) matched on the primary key:
  // one statement however many keys there are.
  const dists = sql.param(keys.map((key) => key.dist));
  const versions = sql.param(keys.map((key) => key.version));
  const wanted = sql`select * from unnest(${dists}::text[], ${versions}::text[]) as k(dist, version)`;
  return db
    .select()
    .from(releases)
    .where(sql`(${releases.dist}, ${releases.version}) in (${wanted})`);
}

export async function findRelease(db: Db, key: DistVersion): Promise<ReleaseRow | undefined> {
  const [row] = await db
    .select()
    .from(releases)
    .where(and(eq(releases.dist, key.dist), eq(releases.version, key.version)));
  return row;
}

/** Every release of a distribution, the most recently updated first. */
export function releasesOfDist(db: Db, dist: string): Promise<ReleaseRow[]> {
  return db.select().from(releases).where(eq(releases.dist, dist)).orderBy(desc(releases.updatedAt));
}
