import { sql } from "drizzle-orm";
import { type Db, queryRows } from "../client.js";
import { uploads } from "../schema/index.js";

/** `prefix` as a LIKE pattern that matches only itself followed by anything. */
function likePrefix(prefix: string): string {
  return `${prefix.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

/**
 * Distribution names starting with `prefix`, case-insensitively, in byte order of their lowercase
 * form. A walk over uploads_dist_search_idx that jumps from one name to the next, so a short
 * prefix matching thousands of uploads still reads about `limit` index entries per name: a
 * recursive CTE, written by hand because the builder has no form for one.
 */
export async function searchDistributions(db: Db, prefix: string, limit: number): Promise<string[]> {
  const pattern = likePrefix(prefix.toLowerCase());
  const rows = await queryRows<{ dist: string }>(
    db,
    sql`with recursive hits(key, dist) as (
          (select lower(dist) collate "C", dist from ${uploads}
           where lower(dist) collate "C" like ${pattern}
           order by lower(dist) collate "C", dist limit 1)
          union all
          select next.key, next.dist from hits cross join lateral (
            select lower(u.dist) collate "C" as key, u.dist from ${uploads} u
            where lower(u.dist) collate "C" like ${pattern}
              and (lower(u.dist) collate "C", u.dist) > (hits.key, hits.dist)
            order by lower(u.dist) collate "C", u.dist limit 1
          ) next
        )
        select dist from hits limit ${limit}`,
  );
  return rows.map((row) => row.dist);
}

/** PAUSE ids starting with `prefix` (ids are upper case), in order; the same walk over authors. */
export async function searchAuthors(db: Db, prefix: string, limit: number): Promise<string[]> {
  const pattern = likePrefix(prefix.toUpperCase());
  const rows = await queryRows<{ author: string }>(
    db,
    sql`with recursive hits(author) as (
          (select author collate "C" from ${uploads} where author collate "C" like ${pattern}
           order by author collate "C" limit 1)
          union all
          select next.author from hits cross join lateral (
            select u.author collate "C" as author from ${uploads} u
            where u.author collate "C" like ${pattern} and u.author collate "C" > hits.author
            order by u.author collate "C" limit 1
          ) next
        )
        select author from hits limit ${limit}`,
  );
  return rows.map((row) => row.author);
}
