import { OUTPUT_PHASES, type ReportDocument } from "../report/index.js";

/**
 * What of a report's output is kept for searching: every phase of a non-pass report, without the
 * sections a CPAN::Reporter text report appends after the test output (its prerequisite table,
 * environment and `perl -V`, which the report's own fields carry), up to a limit. Past it, the
 * head (where configure errors and missing modules show) and the tail (where the failing tests
 * and the harness summary are) are kept and the middle is dropped.
 */
export const SEARCH_TEXT_LIMITS = { total: 64 * 1024, head: 16 * 1024 } as const;

const GAP = "\n…\n";

export function searchableText(doc: ReportDocument): string | null {
  if (doc.result.grade === "pass") return null;
  const parts = OUTPUT_PHASES.map((phase) => doc.result.output[phase]).filter((text): text is string => Boolean(text));
  // NUL cannot be stored in a text column.
  const text = parts.map(withoutAppendix).join("\n").replaceAll("\u0000", "");
  if (text.length <= SEARCH_TEXT_LIMITS.total) return text;
  const tail = SEARCH_TEXT_LIMITS.total - SEARCH_TEXT_LIMITS.head - GAP.length;
  return text.slice(0, SEARCH_TEXT_LIMITS.head) + GAP + text.slice(text.length - tail);
}

/*
 * The trigram index of the search is built over a report's distinct words, not its whole text:
 * pg_trgm takes its trigrams from words alone (runs of letters and digits), so the distinct words
 * give the same trigrams from about a sixth of the text (generated failure output: 4.7 KB → 0.8
 * KB), and extracting them was most of what the index cost the ETL. A report contains a searched
 * text only if each word of that text is part of one of its words, which the index answers; the
 * text itself then decides (src/db/queries/report-search.queries.ts). The words are kept in lower
 * case, so that the search compares them with LIKE: ILIKE lowers the whole of each report's words
 * again for every searched word.
 */
const NOT_WORD = /[^\p{L}\p{N}\p{M}]+/u;

/** The distinct words of a searchable text, in lower case, space-separated, in order of first appearance. */
export function searchWords(text: string): string {
  const words = new Set(text.toLowerCase().split(NOT_WORD));
  words.delete("");
  return [...words].join(" ");
}

/**
 * The words of a searched text that a matching report's words each contain, for the index to look
 * up: those of three characters or more, the shortest that hold a trigram (shorter ones only add
 * work to the plan and to each check); in lower case, longest first, as a longer word is more
 * often missing from a report's words and the check of a report stops at the first one missing.
 */
export function searchedWords(text: string): string[] {
  return [...new Set(text.toLowerCase().split(NOT_WORD))]
    .filter((word) => word.length >= 3)
    .sort((a, b) => b.length - a.length);
}

/** What a search of `text` needs: the words the index looks up and how matches are ranked. */
export function searchFor(text: string): { text: string; words: string[]; rank: (window: string) => number } {
  const words = searchedWords(text);
  const needle = text.toLowerCase();
  return { text, words, rank: (window) => searchRank(window.toLowerCase(), needle, words) };
}

/**
 * How well the text around a report's first match answers a search: each occurrence of the whole
 * text counts one, each occurrence of one of its words a hundredth (a report that repeats the
 * failure, or says more about it, first). Computed here over a few hundred characters: Postgres'
 * ts_rank over the same windows cost a search of "Failed test" a quarter of its time.
 */
function searchRank(window: string, text: string, words: readonly string[]): number {
  // All three in lower case already (searchedWords gives the words so).
  const hundredths = words.reduce((sum, word) => sum + occurrences(window, word), 0);
  return (100 * occurrences(window, text) + hundredths) / 100;
}

/** Non-overlapping occurrences of `needle` in `haystack`. */
function occurrences(haystack: string, needle: string): number {
  if (needle.length === 0) return 0;
  let count = 0;
  for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + needle.length)) count++;
  return count;
}

export interface Excerpt {
  /** A line or two around a match. */
  text: string;
  /** Where the searched text occurs in `text` (UTF-16 offsets). */
  matches: { start: number; length: number }[];
}

/** The first `limit` places where `needle` occurs (ignoring case), each with some context. */
export function excerpts(haystack: string, needle: string, limit = 3, context = 80): Excerpt[] {
  const lower = haystack.toLowerCase();
  const target = needle.toLowerCase();
  const found: Excerpt[] = [];
  if (target.length === 0) return found;
  let from = 0;
  while (found.length < limit) {
    const at = lower.indexOf(target, from);
    if (at < 0) break;
    const start = Math.max(0, at - context);
    const end = Math.min(haystack.length, at + target.length + context);
    const text = haystack.slice(start, end);
    const matches: Excerpt["matches"] = [];
    for (
      let i = text.toLowerCase().indexOf(target);
      i >= 0;
      i = text.toLowerCase().indexOf(target, i + target.length)
    ) {
      matches.push({ start: i, length: target.length });
    }
    found.push({ text, matches });
    from = end;
  }
  return found;
}

// The first appended section of a text report: `PREREQUISITES` under a rule of dashes.
const APPENDIX = /^-{10,}\r?\n(?:PREREQUISITES|ENVIRONMENT AND OTHER CONTEXT)\r?$/m;

function withoutAppendix(text: string): string {
  const at = text.search(APPENDIX);
  return at < 0 ? text : text.slice(0, at);
}
