import { and, asc, desc, eq, gte, isNotNull, type SQL, sql } from "drizzle-orm";
import { asDate, type Db, queryRows } from "../client.js";
import { preparedPerDb, preparedSql } from "../prepared.js";
import { type ReleaseRow, releases, type UploadRow, uploads } from "../schema/index.js";
import { byDistVersion, type DistVersion, exactTime } from "./release.queries.js";

/** The uploads with these dist/version pairs, in no particular order; unknown ones are absent. */
export const findUploads = byDistVersion("uploads", uploads, (db, where, name) =>
  db.select().from(uploads).where(where).prepare(name),
);

/**
 * The newest upload of each distribution (provisional ones only when nothing else is known), one
 * statement for any number of distributions: a lateral probe of uploads_dist_latest_idx each.
 * Hand-written: the builder cannot select FROM unnest(...) nor join a lateral subquery to it.
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

/** Whether this PAUSE id has uploaded anything (provisional uploads with a known author count). */
export async function authorExists(db: Db, author: string): Promise<boolean> {
  return (await anyUploadOf(db).execute({ author })).length > 0;
}

// Prepared: 0.35 ms a call against 0.81 ms unnamed (serial calls on Postgres, median of 3 x 2,000,
// 2026-12-07).
const anyUploadOf = preparedPerDb((db) =>
  db
    .select({ dist: uploads.dist })
    .from(uploads)
    .where(eq(uploads.author, sql.placeholder("author")))
    .limit(1)
    .prepare("any_upload_of_author"),
);

export interface AuthorDistribution {
  dist: string;
  /** The distribution's newest upload (by anyone: co-maintainers upload too). */
  latestUpload: UploadRow | null;
  /** That upload's report counters; null before its first report. */
  latestRelease: ReleaseRow | null;
}

/**
 * One page of an author's distributions by name, each with its newest upload and that release's
 * counters: the author dashboard in one statement. The names come from a recursive walk that jumps
 * from each name to the next over uploads_author_dist_idx (a "skip scan", one index probe per
 * distribution however many uploads it has); each name then takes one probe of
 * uploads_dist_latest_idx and one of the releases primary key. `limit + 1` rows when more exist.
 * Hand-written (a recursive CTE) and prepared: planned on every request, it cost Postgres 1.27 ms
 * against 0.68 ms prepared (author-dashboard read, BENCHMARKS.md).
 */
const authorDistributions = preparedSql<DashboardRow>(
  "author_distributions",
  sql`with recursive names(dist) as (
        (select dist from ${uploads} where author = ${sql.placeholder("author")} and dist > ${sql.placeholder("after")}
         order by dist limit 1)
        union all
        select (select u.dist from ${uploads} u where u.author = ${sql.placeholder("author")} and u.dist > names.dist
                order by u.dist limit 1)
        from names where names.dist is not null
      ), page as (
        select dist from names where dist is not null limit ${sql.placeholder("limit")}
      )
      select page.dist, u.version, u.author, u.filename, u.released_at, u.location, u.maturity, u.provisional,
             r.pass, r.fail, r.na, r.unknown, r.stable_pass, r.stable_fail, r.stable_na, r.stable_unknown,
             r.latest_report_id::float8 as latest_report_id, r.updated_at, r.dist is not null as has_release
      from page
      left join lateral (
        select * from ${uploads} where dist = page.dist
        order by released_at desc nulls last, version desc nulls last limit 1
      ) u on true
      left join ${releases} r on r.dist = u.dist and r.version = u.version
      order by page.dist`,
);

export async function distributionsOfAuthor(
  db: Db,
  author: string,
  page: { after?: string; limit: number },
): Promise<AuthorDistribution[]> {
  const rows = await authorDistributions(db).execute({ author, after: page.after ?? "", limit: page.limit + 1 });
  return rows.map(toAuthorDistribution);
}

interface DashboardRow {
  dist: string;
  version: string | null;
  author: string | null;
  filename: string | null;
  released_at: Date | string | null;
  location: string | null;
  maturity: string | null;
  provisional: boolean | null;
  pass: number;
  fail: number;
  na: number;
  unknown: number;
  stable_pass: number;
  stable_fail: number;
  stable_na: number;
  stable_unknown: number;
  latest_report_id: number | null;
  updated_at: Date | string | null;
  has_release: boolean;
}

function toAuthorDistribution(row: DashboardRow): AuthorDistribution {
  const latestUpload: UploadRow | null =
    row.version === null
      ? null
      : {
          dist: row.dist,
          version: row.version,
          author: row.author,
          filename: row.filename,
          releasedAt: asDate(row.released_at),
          location: row.location ?? "cpan",
          maturity: row.maturity ?? "stable",
          provisional: row.provisional ?? false,
        };
  const latestRelease: ReleaseRow | null =
    row.has_release && row.version !== null
      ? {
          dist: row.dist,
          version: row.version,
          pass: row.pass,
          fail: row.fail,
          na: row.na,
          unknown: row.unknown,
          stablePass: row.stable_pass,
          stableFail: row.stable_fail,
          stableNa: row.stable_na,
          stableUnknown: row.stable_unknown,
          latestReportId: row.latest_report_id,
          updatedAt: asDate(row.updated_at) ?? new Date(0),
        }
      : null;
  return { dist: row.dist, latestUpload, latestRelease };
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

/** The authors the uploads table knows for these releases (for events about v3 reports). */
export async function authorsOf(db: Db, keys: readonly DistVersion[]): Promise<Map<string, string>> {
  if (keys.length === 0) return new Map();
  // Hand-written: a join to the keys bound as two arrays, one statement for a whole batch.
  const rows = await queryRows<{ dist: string; version: string; author: string }>(
    db,
    sql`select ${uploads.dist} as dist, ${uploads.version} as version, ${uploads.author} as author from ${uploads}
        join unnest(${sql.param(keys.map((k) => k.dist))}::text[], ${sql.param(keys.map((k) => k.version))}::text[])
          as k(dist, version) on k.dist = ${uploads.dist} and k.version = ${uploads.version}
        where ${uploads.author} is not null`,
  );
  return new Map(rows.map((row) => [`${row.dist}\u0000${row.version}`, row.author]));
}
