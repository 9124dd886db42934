import { and, asc, desc, eq, gte, isNotNull, type SQL, sql } from "drizzle-orm";
import { type Db, queryRows } from "../client.js";
import { type UploadRow, uploads } from "../schema/index.js";
import { type DistVersion, exactTime, inKeys } from "./release.queries.js";

/** The uploads with these dist/version pairs, in no particular order; unknown ones are absent. */
export function findUploads(db: Db, keys: readonly DistVersion[]): Promise<UploadRow[]> {
  if (keys.length === 0) return Promise.resolve([]);
  return db.select().from(uploads).where(inKeys(uploads, keys));
}

/**
 * The newest upload of each distribution (provisional ones only when nothing else is known), one
 * statement for any number of distributions: a lateral probe of uploads_dist_latest_idx each.
 */
export function latestUploadsOfDists(db: Db, dists: readonly string[]): Promise<UploadRow[]> {
  if (dists.length === 0) return Promise.resolve([]);
  return queryRows<UploadRow>(
    db,
    sql`select u.dist, u.version, u.author, u.filename, u.released_at as "releasedAt", u.location,
          u.maturity, u.provisional
        from unnest(${sql.param([...dists])}::text[]) as d(dist)
        cross join lateral (
          select * from ${uploads} where dist = d.dist
          order by released_at desc nulls last, version desc nulls last
          limit 1
        ) u`,
  ).then((rows) => rows.map((row) => ({ ...row, releasedAt: asDate(row.releasedAt) })));
}

/** Raw SQL skips drizzle's mapping: a driver set to return timestamps as text would hand a string. */
function asDate(value: Date | string | null): Date | null {
  return value === null || value instanceof Date ? value : new Date(value);
}

/** Whether this PAUSE id has uploaded anything (provisional uploads with a known author count). */
export async function authorExists(db: Db, author: string): Promise<boolean> {
  const rows = await db.select({ dist: uploads.dist }).from(uploads).where(eq(uploads.author, author)).limit(1);
  return rows.length > 0;
}

/**
 * One page of an author's distributions by name. Reads one index entry per distribution, not one
 * per upload: a recursive walk that jumps from each name to the next (a "skip scan") over
 * uploads_author_dist_idx. `limit + 1` names when more exist.
 */
export async function distributionsOfAuthor(
  db: Db,
  author: string,
  page: { after?: string; limit: number },
): Promise<string[]> {
  const start = page.after ?? "";
  const rows = await queryRows<{ dist: string }>(
    db,
    sql`with recursive names(dist) as (
          (select dist from ${uploads} where author = ${author} and dist > ${start} order by dist limit 1)
          union all
          select (select u.dist from ${uploads} u where u.author = ${author} and u.dist > names.dist
                  order by u.dist limit 1)
          from names where names.dist is not null
        )
        select dist from names where dist is not null limit ${page.limit + 1}`,
  );
  return rows.map((row) => row.dist);
}

export interface TimedUpload {
  upload: UploadRow;
  /** released_at to the microsecond: the page's cursor. */
  releasedAtExact: string;
}

export interface UploadPage {
  author?: string;
  dist?: string;
  /** Released at or after. */
  since?: Date;
  maturity?: "stable" | "dev";
  /** Continue after this upload of the previous page (newest-first order). */
  after?: { releasedAt: string; dist: string; version: string };
  limit: number;
  order: "asc" | "desc";
}

/**
 * Uploads (provisional ones excluded: they are not uploads yet) by release time, with the key
 * (released_at, dist, version) as a unique order. `limit + 1` rows when more exist.
 */
export function uploadPage(db: Db, page: UploadPage): Promise<TimedUpload[]> {
  const conditions: SQL[] = [isNotNull(uploads.releasedAt), eq(uploads.provisional, false)];
  if (page.author !== undefined) conditions.push(eq(uploads.author, page.author));
  if (page.dist !== undefined) conditions.push(eq(uploads.dist, page.dist));
  if (page.maturity) conditions.push(eq(uploads.maturity, page.maturity));
  if (page.since) conditions.push(gte(uploads.releasedAt, page.since));
  if (page.after) {
    const { releasedAt, dist, version } = page.after;
    const key = sql`(${uploads.releasedAt}, ${uploads.dist}, ${uploads.version})`;
    const cursor = sql`(${releasedAt}::timestamptz, ${dist}, ${version})`;
    conditions.push(page.order === "asc" ? sql`${key} > ${cursor}` : sql`${key} < ${cursor}`);
  }
  const direction = page.order === "asc" ? asc : desc;
  return db
    .select({ upload: uploads, releasedAtExact: exactTime(uploads.releasedAt) })
    .from(uploads)
    .where(and(...conditions))
    .orderBy(direction(uploads.releasedAt), direction(uploads.dist), direction(uploads.version))
    .limit(page.limit + 1);
}
