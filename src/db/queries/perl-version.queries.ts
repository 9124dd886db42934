import { asc, eq } from "drizzle-orm";
import type { Db } from "../client.js";
import { type PerlVersionRow, perlVersions } from "../schema/index.js";

/** Every perl version reports have named, oldest first; a few hundred rows at most. */
export function listPerlVersions(db: Db, maturity?: "stable" | "dev"): Promise<PerlVersionRow[]> {
  return db
    .select()
    .from(perlVersions)
    .where(maturity ? eq(perlVersions.maturity, maturity) : undefined)
    .orderBy(asc(perlVersions.major), asc(perlVersions.minor), asc(perlVersions.patch), asc(perlVersions.version));
}

export function findPerlVersion(db: Db, version: string): Promise<PerlVersionRow | undefined> {
  return db
    .select()
    .from(perlVersions)
    .where(eq(perlVersions.version, version))
    .then((rows) => rows[0]);
}
