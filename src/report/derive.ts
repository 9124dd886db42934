import { distMaturity, parseDistfile, type DistMaturity } from "./distname.js";
import { parsePerlVersion } from "./perl.js";
import { factErrors } from "./facts.rules.js";
import type { Grade, InputError, Reporter, ReportDocument } from "./report.types.js";

/** The flat row the ETL writes for one report (PROTOCOLS section 4). */
export interface ReportFacts {
  guid: string;
  grade: Grade;
  dist: string;
  version: string;
  /** From the Metabase distfile resource; `null` for v3 reports, whose author comes from uploads. */
  author: string | null;
  distMaturity: DistMaturity;
  /**
   * The tester shown: the authenticated submitter as registered when there is one (a document
   * may name anyone as its reporter), else the document's reporter. `Name <email>`, or the bare
   * address without a name.
   */
  tester: string;
  /** Perl 5: as reported minus a leading `v`; Perl 6: the version as sent. */
  perl: string;
  perlMajor: number | null;
  perlMinor: number | null;
  perlPatch: number | null;
  perlSeries: string | null;
  perlMaturity: "stable" | "dev" | null;
  perlPatched: boolean;
  /** The archname. */
  platform: string;
  osname: string;
  osversion: string | null;
  submittedAt: Date;
  /** False for Perl 6/Raku reports (and unparseable perls): stored, shown, but not counted. */
  counted: boolean;
}

export type FactsDerivation = { ok: true; facts: ReportFacts } | { ok: false; errors: InputError[] };

/** How a reporter is shown: `Name <email>`, or the bare address without a name. */
export const displayReporter = ({ name, email }: Reporter): string => (name ? `${name} <${email}>` : email);

/**
 * The name in a shown reporter (`Name <email>`); null for a bare address. Pages and the API name
 * testers without their e-mail address, which is their login.
 */
export function reporterName(shown: string): string | null {
  const name = /^(.*?)\s*<[^>]*>\s*$/.exec(shown)?.[1]?.trim();
  return name ? name : null;
}

/**
 * Derives the ETL row from a report document and the authenticated tester who submitted it (null
 * for an anonymous one), and checks it against what the database can store: the one decision of
 * both intake (which refuses with these errors before storing) and the ETL, so that a report
 * accepted is a report the ETL can count.
 */
export function deriveFacts(doc: ReportDocument, submitter: Reporter | null = null): FactsDerivation {
  const facts = derive(doc, submitter);
  const errors = factErrors(facts, doc.created);
  return errors.length === 0 ? { ok: true, facts } : { ok: false, errors };
}

/** {@link deriveFacts} for the ETL: throws with the reasons when the document cannot be counted. */
export function deriveReportFacts(doc: ReportDocument, submitter: Reporter | null = null): ReportFacts {
  const derived = deriveFacts(doc, submitter);
  if (derived.ok) return derived.facts;
  const reasons = derived.errors.map((e) => `${e.path.slice(1)} ${e.message}`).join("; ");
  throw new RangeError(`report ${doc.id}: ${reasons}`);
}

function derive(doc: ReportDocument, submitter: Reporter | null): ReportFacts {
  const submittedAt = new Date(doc.created);
  const { language, system } = doc.environment;
  const perl = language.name === "Perl 5" ? parsePerlVersion(language.version) : null;
  const distfile = doc.metabase ? parseDistfile(doc.metabase.resource) : null;
  return {
    guid: doc.id.toLowerCase(),
    grade: doc.result.grade,
    dist: doc.distribution.name,
    version: doc.distribution.version,
    author: distfile?.ok ? distfile.author : null,
    distMaturity: distMaturity(doc.distribution.version, distfile?.ok ? distfile.filename : undefined),
    tester: displayReporter(submitter ?? doc.reporter),
    perl: perl?.perl ?? language.version.trim(),
    perlMajor: perl?.major ?? null,
    perlMinor: perl?.minor ?? null,
    perlPatch: perl?.patch ?? null,
    perlSeries: perl?.series ?? null,
    perlMaturity: perl?.maturity ?? null,
    perlPatched: perl?.patched ?? false,
    platform: language.archname,
    osname: system.osname,
    osversion: system.osversion ?? null,
    submittedAt,
    counted: perl !== null,
  };
}
