import { parseDistfile } from "./distname.js";
import { describeValue, isRecord } from "./input.describe.js";
import { FACT_TYPES, decodeJsonContent, metabaseTime, readFact, type ReadFact } from "./metabase.fact.js";
import { parsePerlVersion } from "./perl.js";
import { GRADES, isGrade } from "./grade.js";
import type { InputError, Reporter, ReportDocument } from "./report.types.js";
import { cleanName, repairMojibake } from "./text.repair.js";

export type MetabaseReportParse = { ok: true; report: ReportDocument } | { ok: false; errors: InputError[] };

/** A child fact's decoded content and where it was found, for error paths. */
interface Child {
  content: Record<string, unknown>;
  path: string;
}

/**
 * Maps a submitted `CPAN-Testers-Report` fact onto the v3 report document (PROTOCOLS section 2):
 * the environment from the LegacyReport child (falling back to the TestSummary), dist and version
 * from the distfile resource, the text report as `result.output.uncategorized`. `reporter` comes
 * from the tester's registered profile, never from the fact.
 */
export function parseMetabaseReport(fact: unknown, reporter: Reporter): MetabaseReportParse {
  const envelope = readFact(fact, "", FACT_TYPES.report);
  if (!envelope.ok) return envelope;
  const { core } = envelope.value;
  const children = readChildren(envelope.value);
  if (!children.ok) return children;
  const { legacy, summary } = children.value;

  const errors: InputError[] = [];
  const field = (key: string, required: boolean): string | undefined => {
    const source = legacy && legacy.content[key] !== undefined ? legacy : (summary ?? legacy);
    const value = source?.content[key];
    if (typeof value === "string") return value;
    // Some clients send osversion as a bare number (10.5); that is still what they meant.
    if (typeof value === "number" && key === "osversion") return String(value);
    if (value !== undefined || required) {
      errors.push({
        path: `${source?.path ?? "/content"}/${key}`,
        message: `must be a string, got ${describeValue(value)}`,
      });
    }
    return undefined;
  };
  const gradeText = field("grade", true);
  const osname = field("osname", true);
  const osversion = field("osversion", false);
  const archname = field("archname", true);
  const perlText = field("perl_version", true);
  const textreport = legacy ? field("textreport", false) : undefined;

  const grade = gradeText?.trim().toLowerCase();
  if (gradeText !== undefined && !isGrade(grade)) {
    errors.push({
      path: childPath(legacy ?? summary, "grade"),
      message: `must be one of ${GRADES.join(", ")} (any case), got ${describeValue(gradeText)}`,
    });
  }
  const perl = perlText === undefined ? null : parsePerlVersion(perlText);
  if (perlText !== undefined && !perl) {
    errors.push({
      path: childPath(legacy ?? summary, "perl_version"),
      message: `must be a Perl 5 version like "5.10.1" or "v5.10.1", got ${describeValue(perlText)}`,
    });
  }
  const distfile = parseDistfile(core.resource);
  if (!distfile.ok) errors.push({ path: "/metadata/core/resource", message: distfile.message });
  const created = metabaseTime(core.creation_time);
  if (!created) {
    errors.push({
      path: "/metadata/core/creation_time",
      message: `must be a date-time like "2010-03-21T17:39:05Z", got ${describeValue(core.creation_time)}`,
    });
  }
  if (!core.creator) {
    errors.push({
      path: "/metadata/core/creator",
      message: `must be "metabase:user:<uuid>", got ${describeValue(core.creator)}`,
    });
  }
  if (errors.length > 0 || !distfile.ok || !created || !perl || !isGrade(grade)) {
    return { ok: false, errors };
  }

  const name = reporter.name === undefined ? "" : cleanName(reporter.name);
  return {
    ok: true,
    report: {
      id: core.guid,
      created,
      reporter: name === "" ? { email: reporter.email } : { name, email: reporter.email },
      environment: {
        language: { name: "Perl 5", version: perl.perl, archname: archname ?? "" },
        system: osversion === undefined ? { osname: osname ?? "" } : { osname: osname ?? "", osversion },
      },
      distribution: { name: distfile.dist, version: distfile.version },
      // Only a TestSummary: there is no text, but the document needs an output phase.
      result: { grade, output: { uncategorized: repairMojibake(textreport ?? "") } },
      metabase: { resource: core.resource, creator: core.creator ?? "" },
    },
  };
}

function childPath(child: Child | undefined, key: string): string {
  return `${child?.path ?? "/content"}/${key}`;
}

/** Decodes the report's array of child facts and picks its LegacyReport and TestSummary. */
function readChildren(
  report: ReadFact,
): { ok: true; value: { legacy?: Child; summary?: Child } } | { ok: false; errors: InputError[] } {
  const decoded = decodeJsonContent(report.content, "/content");
  if (!decoded.ok) return decoded;
  if (!Array.isArray(decoded.value)) {
    return {
      ok: false,
      errors: [{ path: "/content", message: `must encode a JSON array of facts, got ${describeValue(decoded.value)}` }],
    };
  }
  const errors: InputError[] = [];
  const found: { legacy?: Child; summary?: Child } = {};
  const types: string[] = [];
  decoded.value.forEach((item, index) => {
    const child = readFact(item, `/content/${index}`);
    if (!child.ok) return void errors.push(...child.errors);
    const { type } = child.value.core;
    types.push(type);
    const slot = type === FACT_TYPES.legacyReport ? "legacy" : type === FACT_TYPES.testSummary ? "summary" : undefined;
    // Unknown child facts are ignored: newer clients may add facts the mapping does not use.
    if (slot === undefined || found[slot]) return;
    const path = `/content/${index}/content`;
    const content = decodeJsonContent(child.value.content, path);
    if (!content.ok) return void errors.push(...content.errors);
    if (!isRecord(content.value)) {
      return void errors.push({
        path,
        message: `must encode a JSON object with grade, osname, archname and perl_version, got ${describeValue(content.value)}`,
      });
    }
    found[slot] = { content: content.value, path };
  });
  if (errors.length > 0) return { ok: false, errors };
  if (!found.legacy && !found.summary) {
    const got = types.length === 0 ? "no facts" : `only ${types.map((t) => JSON.stringify(t)).join(", ")}`;
    return {
      ok: false,
      errors: [
        {
          path: "/content",
          message: `must contain a ${FACT_TYPES.legacyReport} or ${FACT_TYPES.testSummary} fact, got ${got}`,
        },
      ],
    };
  }
  return { ok: true, value: found };
}
