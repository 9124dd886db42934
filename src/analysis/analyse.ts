import type { ReportDocument } from "../report/index.js";
import { reportFactors } from "./factors.js";
import { searchableText } from "./search-text.js";
import { extractFailures, type Failure } from "./signatures.js";

/** What the ETL keeps of one report to say why it fails. */
export interface ReportAnalysis {
  factors: string[];
  text: string | null;
  failures: Failure[];
}

export function analyseReport(doc: ReportDocument, perl: string): ReportAnalysis {
  return { factors: reportFactors(doc, perl), text: searchableText(doc), failures: extractFailures(doc) };
}
