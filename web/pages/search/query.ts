import type { Grade } from "../../generated/graphql";

/** What /search was asked, from its URL query: `q` and the optional filters. */
export interface SearchQuery {
  q: string;
  dist?: string;
  grade?: Grade;
  perl?: string;
  osname?: string;
}

/** The API's bounds of `searchReports(text:)`: shorter or longer text is not searched. */
export const MIN_TEXT = 3;
export const MAX_TEXT = 200;
/** Hits per page ("more" loads the next). */
export const PAGE_SIZE = 20;

const GRADE_VALUES: readonly Grade[] = ["FAIL", "NA", "UNKNOWN"];

export function parseSearch(search: string): SearchQuery {
  const params = new URLSearchParams(search);
  const value = (name: string) => params.get(name)?.trim() || undefined;
  const grade = value("grade")?.toUpperCase() as Grade | undefined;
  return {
    q: value("q") ?? "",
    dist: value("dist"),
    grade: grade && GRADE_VALUES.includes(grade) ? grade : undefined,
    perl: value("perl"),
    osname: value("osname"),
  };
}

export function searchToString(query: SearchQuery): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value) params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** Why the text cannot be searched, or null when it can. */
export function textProblem(q: string): string | null {
  if (q.length === 0) return "Type some text that failing reports' output contains.";
  if (q.length < MIN_TEXT) return `Type at least ${MIN_TEXT} characters.`;
  if (q.length > MAX_TEXT) return `Search for at most ${MAX_TEXT} characters.`;
  return null;
}

export function searchVariables(query: SearchQuery, after: string | null) {
  return {
    text: query.q,
    first: PAGE_SIZE,
    after,
    dist: query.dist ?? null,
    grade: query.grade ?? null,
    perl: query.perl ?? null,
    osname: query.osname ?? null,
  };
}
