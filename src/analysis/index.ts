export {
  extractFailures,
  makeFailure,
  FAILURE_KINDS,
  MAX_FAILURES_PER_REPORT,
  type Failure,
  type FailureKind,
} from "./signatures.js";
export { normaliseMessage } from "./normalise.js";
export { compareVersions, versionNumber } from "./versions.js";
export {
  archFeatures,
  decodeFactor,
  encodeFactor,
  reportFactors,
  FACTOR_KINDS,
  type Factor,
  type FactorKind,
} from "./factors.js";
export { fisherExact, holmAdjust } from "./fisher.js";
export {
  DEFAULT_RANKING,
  rankFactors,
  type FactorRanking,
  type GradedReport,
  type RankedFactor,
  type RankingOptions,
} from "./factor-ranking.js";
export {
  searchableText,
  searchedWords,
  searchFor,
  searchWords,
  SEARCH_TEXT_LIMITS,
  excerpts,
  type Excerpt,
} from "./search-text.js";
export { analyseReport, type ReportAnalysis } from "./analyse.js";
export { previousVersion, regressedCells, type Cell, type RegressedCell } from "./regressions.js";
