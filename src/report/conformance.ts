import { deriveFacts, type ReportFacts } from "./derive.js";
import { describeValue, isRecord } from "./input.describe.js";
import { buildReportFact, type ReportChild } from "./metabase.build.js";
import { FACT_TYPES, type MetabaseFact } from "./metabase.fact.js";
import { parseRegistration } from "./metabase.register.js";
import { parseMetabaseReport } from "./metabase.report.js";
import type { InputError, ReportDocument } from "./report.types.js";
import { validateNewReport } from "./v3.validate.js";

/**
 * Runs sample files through the report model: v3 documents through the validator, Metabase
 * submissions (and stored facts, rebuilt into the submitted form) through the Metabase parser,
 * then every accepted report through the derivation. Files named `*invalid*` must be rejected.
 * Pure: a CLI wrapper reads the folder.
 */

export type SampleKind = "v3" | "metabase-submit" | "metabase-stored" | "metabase-register" | "skipped";

export interface ConformanceResult {
  name: string;
  kind: SampleKind;
  ok: boolean;
  detail: string;
}

// Samples carry no tester profile or server-filled fields; these stand in, recognisably fake.
const SAMPLE_REPORTER = { email: "sample@conformance.invalid" };
const SAMPLE_ID = "00000000-0000-4000-8000-000000000000";
const SAMPLE_CREATED = "1970-01-01T00:00:00.000Z";
const STORED_PREFIX = "CPAN::Testers::Fact::";

export function checkConformance(files: { name: string; json: unknown }[]): ConformanceResult[] {
  return files.map(({ name, json }) => {
    const kind = classify(json);
    const outcome = run(kind, name, json);
    if (kind === "skipped") return { name, kind, ok: true, detail: outcome.detail };
    const mustFail = /invalid/i.test(name);
    const ok = outcome.accepted !== mustFail;
    const expectation = mustFail
      ? ok
        ? "rejected as expected"
        : "accepted but must be rejected"
      : ok
        ? "accepted"
        : "rejected";
    return { name, kind, ok, detail: `${expectation}: ${outcome.detail}` };
  });
}

function classify(json: unknown): SampleKind {
  if (Array.isArray(json)) return "metabase-register";
  if (!isRecord(json)) return "skipped";
  if ("content" in json && "metadata" in json) return "metabase-submit";
  if (Object.keys(json).some((key) => key.startsWith(STORED_PREFIX))) return "metabase-stored";
  if (["reporter", "environment", "distribution", "result"].some((key) => key in json)) return "v3";
  return "skipped";
}

function run(kind: SampleKind, name: string, json: unknown): { accepted: boolean; detail: string } {
  switch (kind) {
    case "v3": {
      const validated = validateNewReport(json);
      if (!validated.ok) return rejected(validated.errors);
      return accepted({
        ...validated.report,
        id: validated.report.id ?? SAMPLE_ID,
        created: validated.report.created ?? SAMPLE_CREATED,
      });
    }
    case "metabase-submit":
      return metabase(json);
    case "metabase-stored": {
      const fact = fromStoredForm(json as Record<string, unknown>, name);
      return typeof fact === "string" ? { accepted: false, detail: fact } : metabase(fact);
    }
    case "metabase-register": {
      const registration = parseRegistration(json);
      if (!registration.ok) return rejected(registration.errors);
      const { guid, fullName, email } = registration.profile;
      return { accepted: true, detail: `profile ${guid}: ${fullName} <${email}>` };
    }
    case "skipped":
      return { accepted: false, detail: `skipped: not a report sample (${describeValue(json)})` };
  }
}

function metabase(fact: unknown): { accepted: boolean; detail: string } {
  const parsed = parseMetabaseReport(fact, SAMPLE_REPORTER);
  if (!parsed.ok) return rejected(parsed.errors);
  // The mapped document must itself be a valid v3 report: both intakes store one shape.
  const revalidated = validateNewReport(parsed.report);
  if (!revalidated.ok)
    return { accepted: false, detail: `mapped document fails v3 validation: ${format(revalidated.errors)}` };
  return accepted(parsed.report);
}

/** Accepted only if the ETL could count it too: intake refuses what the derivation refuses. */
function accepted(doc: ReportDocument): { accepted: boolean; detail: string } {
  const derived = deriveFacts(doc);
  return derived.ok ? { accepted: true, detail: summarise(derived.facts) } : rejected(derived.errors);
}

function rejected(errors: InputError[]): { accepted: boolean; detail: string } {
  return { accepted: false, detail: format(errors) };
}

function summarise(facts: ReportFacts): string {
  const author = facts.author ? ` by ${facts.author}` : "";
  const counted = facts.counted ? "counted" : "not counted";
  return `${facts.dist} ${facts.version}${author} (${facts.distMaturity}): ${facts.grade} on perl ${facts.perl} (${facts.perlMaturity ?? "n/a"}), ${facts.platform}, ${facts.osname}, ${counted}`;
}

function format(errors: InputError[]): string {
  return errors.map((e) => `${e.path || "/"}: ${e.message}`).join("; ");
}

/**
 * Rebuilds the submitted `CPAN-Testers-Report` fact from the old Metabase's stored form, which is
 * keyed by fact class and has lost the report fact itself. Its guid comes from the file name
 * (the samples are named after it), else the LegacyReport's.
 */
export function fromStoredForm(stored: Record<string, unknown>, name: string): MetabaseFact | string {
  const children: ReportChild[] = [];
  let stamp: { resource: string; creator: string; creationTime: string; updateTime?: string } | undefined;
  for (const [factClass, entry] of Object.entries(stored)) {
    if (!factClass.startsWith(STORED_PREFIX)) continue;
    const core =
      isRecord(entry) && isRecord(entry.metadata) && isRecord(entry.metadata.core) ? entry.metadata.core : undefined;
    if (!isRecord(entry) || !core) return `stored ${factClass} has no metadata.core`;
    const content = typeof entry.content === "string" ? parseObject(entry.content) : entry.content;
    if (!isRecord(content)) return `stored ${factClass} content is not an object: ${describeValue(entry.content)}`;
    const type = typeof core.type === "string" ? core.type : factClass.replace(/::/g, "-");
    children.push({ type, guid: String(core.guid), content });
    if (stamp && type !== FACT_TYPES.legacyReport) continue;
    stamp = {
      resource: String(core.resource ?? entry.resource),
      creator: String(core.creator ?? entry.creator),
      creationTime: String(core.creation_time),
      updateTime: String(core.update_time ?? core.creation_time),
    };
  }
  if (!stamp) return `no ${STORED_PREFIX}* facts in the stored sample`;
  const legacy = children.find((child) => child.type === FACT_TYPES.legacyReport) ?? children[0];
  const guid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i.exec(name)?.[0] ?? legacy?.guid ?? "";
  return buildReportFact(guid, stamp, children);
}

function parseObject(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
