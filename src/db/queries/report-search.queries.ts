import { and, desc, eq, getTableColumns, gt, inArray, max, min, sql } from "drizzle-orm";
import { type Db } from "../client.js";
import { reports, reportTexts, type ReportRow } from "../schema/index.js";
import { filterConditions, type ReportFilter } from "./report.queries.js";

export interface SearchRequest {
  text: string;
  /** The words of `text` (searchedWords, src/analysis/search-text.ts): what the index looks up. */
  words: readonly string[];
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

/** A LIKE pattern matching `text` anywhere, with its wildcards escaped. */
const containing = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Characters kept on each side of the first match for the excerpts. */
export const SEARCH_WINDOW = 400;

/** Matches ranked per search: the newest this many; older matches are not reached. */
export const MAX_RANKED_MATCHES = 200;

/** Report ids the first look reaches back from the newest; each further look 64 times as far. */
export const FIRST_REACH = 5_000;

/**
 * Reports whose stored output contains `text` (ignoring case), best ranked first. The trigram
 * index over each text's distinct words finds the reports having every word of `text` within
 * one of theirs, and ILIKE on the text keeps exactly those that contain it; the newest
 * MAX_RANKED_MATCHES of them are ranked by ts_rank over the text around their first match (a few
 * hundred characters, not the whole output), the id breaks ties, and the page continues after
 * (rank, id).
 *
 * The newest matches are looked for among the newest reports first, then 64 times further
 * back, until there are enough or every report was looked at. A common text ("Failed test")
 * is then found among a few thousand reports instead of checking each of its matches (on 257,000
 * generated reports with 41,000 texts: 5.5 s → tens of ms), and a rare one costs a few cheap
 * index lookups more.
 */
export async function searchReportTexts(db: Db, request: SearchRequest): Promise<SearchHitRow[]> {
  const [span] = await db
    .select({ first: min(reportTexts.reportId), last: max(reportTexts.reportId) })
    .from(reportTexts);
  if (!span || span.first === null || span.last === null) return [];
  const first = Number(span.first);
  const last = Number(span.last);
  let reach = request.firstReach ?? FIRST_REACH;
  let ids = await newestMatches(db, request, last - reach);
  while (ids.length < MAX_RANKED_MATCHES && last - reach >= first) {
    reach *= 64;
    ids = await newestMatches(db, request, last - reach);
  }
  if (ids.length === 0) return [];

  const at = sql`strpos(lower(${reportTexts.body}), lower(${request.text}))`;
  const candidates = db
    .select({
      id: reportTexts.reportId,
      window:
        sql<string>`substr(${reportTexts.body}, greatest(1, ${at} - ${SEARCH_WINDOW}), ${2 * SEARCH_WINDOW} + length(${request.text}))`.as(
          "window",
        ),
    })
    .from(reportTexts)
    .where(inArray(reportTexts.reportId, ids))
    .as("candidates");
  const rank = sql<number>`ts_rank(to_tsvector('simple', ${candidates.window}), plainto_tsquery('simple', ${request.text}))::float8`;
  const rows = await db
    .select({ report: getTableColumns(reports), rank, window: candidates.window })
    .from(candidates)
    .innerJoin(reports, eq(reports.id, candidates.id))
    .where(
      request.after ? sql`(${rank}, ${reports.id}) < (${request.after.rank}::float8, ${request.after.id})` : undefined,
    )
    .orderBy(desc(rank), desc(reports.id))
    .limit(request.limit + 1);
  return rows.map((row) => ({ ...row, rank: Number(row.rank) }));
}

/** The newest MAX_RANKED_MATCHES reports after `afterId` whose text contains the searched one. */
async function newestMatches(db: Db, request: SearchRequest, afterId: number): Promise<number[]> {
  const rows = await db
    .select({ id: reportTexts.reportId })
    .from(reportTexts)
    .innerJoin(reports, eq(reports.id, reportTexts.reportId))
    .where(
      and(
        gt(reportTexts.reportId, afterId),
        ...request.words.map((word) => sql`${reportTexts.words} ilike ${containing(word)}`),
        sql`${reportTexts.body} ilike ${containing(request.text)}`,
        ...filterConditions(request.filter),
      ),
    )
    .orderBy(desc(reportTexts.reportId))
    .limit(MAX_RANKED_MATCHES);
  return rows.map((row) => Number(row.id));
}

// ---- signatures
