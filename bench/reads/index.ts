import { authorDashboard } from "./author-dashboard.read.js";
import { monthlyStatistics } from "./monthly-statistics.read.js";
import type { ReadCase } from "./read.types.js";
import { recentReports } from "./recent-reports.read.js";
import { releaseMatrix } from "./release-matrix.read.js";
import { releaseSummary } from "./release-summary.read.js";

/** The five reads of the Read API, in the order the report lists them. */
export const READS: readonly ReadCase[] = [
  releaseSummary,
  releaseMatrix,
  authorDashboard,
  recentReports,
  monthlyStatistics,
];
