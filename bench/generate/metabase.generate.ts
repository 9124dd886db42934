import { buildReportFact, FACT_TYPES, type MetabaseFact } from "../../src/report/index.js";
import type { GeneratedReport } from "./report.generate.js";
import { createRandom, randomUuid } from "./prng.js";

/**
 * The report as a Metabase client (CPAN::Reporter through Metabase::Client::Simple) submits it:
 * a `CPAN-Testers-Report` fact whose content is the JSON array of a LegacyReport and a
 * TestSummary fact, each with its own JSON-encoded content (PROTOCOLS section 1).
 */
export function metabaseSubmission({ document, release, tester }: GeneratedReport): MetabaseFact {
  const { language, system } = document.environment;
  // The children's guids follow from the report's, so the same report always submits the same facts.
  const random = createRandom(parseInt(document.id.slice(0, 8), 16) ^ 0x3c6ef372);
  const summary = {
    grade: document.result.grade,
    osname: system.osname,
    osversion: system.osversion ?? "",
    archname: language.archname,
    perl_version: language.version,
  };
  return buildReportFact(
    document.id,
    {
      resource: document.metabase?.resource ?? `cpan:///distfile/${release.author}/${release.filename}`,
      creator: document.metabase?.creator ?? `metabase:user:${tester.profile}`,
      creationTime: document.created.replace(/\.\d{3}Z$/, "Z"),
    },
    [
      {
        type: FACT_TYPES.legacyReport,
        guid: randomUuid(random),
        content: { ...summary, textreport: document.result.output.uncategorized ?? "" },
      },
      { type: FACT_TYPES.testSummary, guid: randomUuid(random), content: summary },
    ],
  );
}
