import { and, desc, eq, gt, inArray, lte, max, min, sql } from "drizzle-orm";
import { type Db, queryRows } from "../client.js";
import { reports, reportTexts, type ReportRow } from "../schema/index.js";
import { filterConditions, type ReportFilter } from "./report.queries.js";

export interface SearchRequest {
  text: string;
  /** The words of `text` (searchedWords, src/analysis/search-text.ts): what the index looks up. */
  words: readonly string[];
  /** How well the text around a first match answers the search, higher first (searchFor, src/analysis/search-text.ts). */
  rank: (window: string) => number;
  filter: ReportFilter;
  limit: number;
  after?: { rank: number; id: number };
  /** How far back from the newest report the first look reaches (default FIRST_REACH). */
  firstReach?: number;
}

export interface SearchHitRow {
  report: ReportRow;
  rank: number;
  /** The stored text around the first match (the whole text is not sent back). */
  window: string;
}

/**
 * A report's text in lower case, to find `text` in. An ASCII `text` is looked for with ASCII case
 * folding (collation "C"): the same matches but for the odd sign that folds to an ASCII letter
 * (the Kelvin sign), at a third of the cost of the full folding of a UTF-8 collation, which was
 * most of what a search of a common text cost.
 */
const lowered = (text: string) =>
  /^\p{ASCII}*$/u.test(text) ? sql`lower(${reportTexts.body} collate "C")` : sql`lower(${reportTexts.body})`;

/** A LIKE pattern matching `text` anywhere, with its wildcards escaped. */
const containing = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Characters kept on each side of the first match for the excerpts. */
export const SEARCH_WINDOW = 400;

/** Matches ranked per search: the newest this many; older matches are not reached. */
export const MAX_RANKED_MATCHES = 200;

/** Report ids the first look reaches back from the newest; each further look 64 times as far. */
export const FIRST_REACH = 5_000;

/** A match before ranking: the report's id and the stored text around its first match. */
interface Match {
  id: number;
  window: string;
}

/**
 * Reports whose stored output contains `text` (ignoring case), best ranked first. The trigram
 * index over each text's distinct words finds the reports having every word of `text` within
 * one of theirs, and the text itself keeps exactly those that contain it, cutting out the text
 * around the first match in the same pass (each stored text is read once). The newest
 * MAX_RANKED_MATCHES matches are ranked by `request.rank`, the id breaks ties, the page continues
 * after (rank, id), and only the page's reports are read.
 *
 * The newest matches are looked for among the newest reports first, then 64 times further
 * back (only the part not looked at yet), until there are enough or every report was looked at.
 * A common text ("Failed test") is then found among a few thousand reports instead of checking
 * each of its matches (on 257,000 generated reports with 41,000 texts: 5.5 s → tens of ms), and
 * a rare one costs a few cheap index lookups more.
 */
export async function searchReportTexts(db: Db, request: SearchRequest): Promise<SearchHitRow[]> {
  const [span] = await db
    .select({ first: min(reportTexts.reportId), last: max(reportTexts.reportId) })
    .from(reportTexts);
  if (!span || span.first === null || span.last === null) return [];
  const first = Number(span.first);
  const last = Number(span.last);
  let reach = request.firstReach ?? FIRST_REACH;
  const matches = await newestMatches(db, request, last - reach, last, MAX_RANKED_MATCHES);
  while (matches.length < MAX_RANKED_MATCHES && last - reach >= first) {
    const lookedAt = last - reach;
    reach *= 64;
    matches.push(...(await newestMatches(db, request, last - reach, lookedAt, MAX_RANKED_MATCHES - matches.length)));
  }
  const ranked = matches
    .map((match) => ({ ...match, rank: request.rank(match.window) }))
    .filter(
      ({ id, rank }) =>
        !request.after || rank < request.after.rank || (rank === request.after.rank && id < request.after.id),
    )
    .sort((a, b) => b.rank - a.rank || b.id - a.id)
    .slice(0, request.limit + 1);
  if (ranked.length === 0) return [];
  const rows = await db
    .select()
    .from(reports)
    .where(
      inArray(
        reports.id,
        ranked.map((match) => match.id),
      ),
    );
  const byId = new Map(rows.map((row) => [Number(row.id), row]));
  return ranked.flatMap(({ id, rank, window }) => {
    const report = byId.get(id);
    return report ? [{ report, rank, window }] : [];
  });
}

/**
 * The newest `limit` reports with ids in (afterId, upTo] whose text contains the searched one,
 * each with the text around its first match. The match's position is computed once per text in
 * a subquery that OFFSET 0 keeps apart: without it the planner moves `at > 0` into the scan and
 * lowers each matching text twice.
 */
async function newestMatches(
  db: Db,
  request: SearchRequest,
  afterId: number,
  upTo: number,
  limit: number,
): Promise<Match[]> {
  const filter = filterConditions(request.filter);
  const texts = db
    .select({
      id: sql<number>`${reportTexts.reportId}`.as("id"),
      body: reportTexts.body,
      at: sql<number>`strpos(${lowered(request.text)}, lower(${request.text}))`.as("at"),
    })
    .from(reportTexts)
    .$dynamic();
  // Reports are joined only to filter by their fields.
  const candidates = (filter.length > 0 ? texts.innerJoin(reports, eq(reports.id, reportTexts.reportId)) : texts)
    .where(
      and(
        gt(reportTexts.reportId, afterId),
        lte(reportTexts.reportId, upTo),
        ...request.words.map((word) => sql`${reportTexts.words} like ${containing(word)}`),
        ...filter,
      ),
    )
    .orderBy(desc(reportTexts.reportId));
  const rows = await queryRows<{ id: number | string; window: string }>(
    db,
    sql`select id, substr(body, greatest(1, at - ${SEARCH_WINDOW}), ${2 * SEARCH_WINDOW} + length(${request.text})) as window
      from (${candidates} offset 0) as candidates
      where at > 0
      order by id desc
      limit ${limit}`,
  );
  return rows.map((row) => ({ id: Number(row.id), window: row.window }));
}

// ---- signatures
