export * from "./report.types.js";
export { newReportSchema, PERL5_VERSION_PATTERN, V3_COLLECTION_LIMITS } from "./v3.schema.js";
export { validateNewReport, type NewReportValidation } from "./v3.validate.js";
export { parseDistfile, distMaturity, type DistfileInfo, type DistfileFailure, type DistMaturity } from "./distname.js";
export {
  parsePerlSeries,
  parsePerlVersion,
  perlSeriesName,
  perlSeriesOf,
  type PerlSeries,
  type PerlVersion,
} from "./perl.js";
export { isGrade, noGradeCounts, type GradeCounts } from "./grade.js";
export { countReport, NO_RELEASE_COUNTS, STABLE_COUNTER, type ReleaseCounters } from "./release-counters.js";
export { FACT_TYPES, type FactCore, isUuid, type MetabaseFact } from "./metabase.fact.js";
export { parseMetabaseReport, type MetabaseReportParse } from "./metabase.report.js";
export { parseRegistration, type RegistrationParse, type TesterProfile } from "./metabase.register.js";
export {
  buildFact,
  buildReportFact,
  buildRegistration,
  type FactStamp,
  type ReportChild,
  type RegistrationInput,
} from "./metabase.build.js";
export { cleanName, decodeHtmlEntities, decodeMixedBytes, repairMojibake } from "./text.repair.js";
export { deriveReportFacts, displayReporter, reporterName, type ReportFacts } from "./derive.js";
export { canonicalJson, contentHash, serializeReport, type SerializedReport } from "./report.hash.js";
export { checkConformance, fromStoredForm, type ConformanceResult, type SampleKind } from "./conformance.js";
export { withoutNulChars } from "./storable.js";
export { deriveFacts, type FactsDerivation } from "./derive.js";
export { FACT_LENGTH_LIMITS, PERL_PART_MAX } from "./facts.rules.js";
export { depthError, jsonDepth, jsonValueErrors, type JsonLimits } from "./json.limits.js";
export { admitReport, capErrors, MAX_REPORTED_ERRORS } from "./report.admit.js";
export { prepareDocument, prepareV3Report, type PreparedReport, type ReportDefaults } from "./report.prepare.js";
export { factCreator, metabaseCacheFact, type CacheRowConversion, type MetabaseCacheRow } from "./legacy.convert.js";
