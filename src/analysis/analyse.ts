import type { ReportDocument } from "../report/index.js";
import { reportFactors } from "./factors.js";
import { searchableText, searchWords } from "./search-text.js";
import { extractFailures, type Failure } from "./signatures.js";

/** What the ETL keeps of one report to say why it fails. */
export interface ReportAnalysis {
  factors: string[];
  text: string | null;
  /** The text's distinct words (searchWords), what the search index is built over; null for a pass. */
  words: string | null;
  failures: Failure[];
}

export function analyseReport(doc: ReportDocument, perl: string): ReportAnalysis {
  const text = searchableText(doc);
  return {
    factors: reportFactors(doc, perl),
    text,
    words: text === null ? null : searchWords(text),
    failures: extractFailures(doc),
  };
}
