import { inflateSync } from "node:zlib";
import { describeValue, isRecord } from "./input.describe.js";
import { FACT_TYPES, type MetabaseFact } from "./metabase.fact.js";
import type { InputError } from "./report.types.js";

/**
 * Rows of the original's legacy cache, `metabase.metabase` (guid, id, updated, report, fact):
 * `report` holds the report's facts as JSON, `{"CPAN::Testers::Fact::LegacyReport": {metadata,
 * content}, "CPAN::Testers::Fact::TestSummary": {...}}`, usually zlib-compressed
 * (Data::FlexSerializer); `fact` holds the whole report object as Sereal, also often compressed.
 */
export interface MetabaseCacheRow {
  guid: string;
  report: Buffer | null;
  fact: Buffer | null;
}

export type CacheRowConversion = { ok: true; fact: MetabaseFact } | { ok: false; errors: InputError[] };

const LEGACY_CLASS = "CPAN::Testers::Fact::LegacyReport";
const SUMMARY_CLASS = "CPAN::Testers::Fact::TestSummary";

/**
 * Rebuilds the submitted `CPAN-Testers-Report` fact from a cache row, as the original's
 * `parse_metabase_report` does before `convert_metabase_report`: the TestSummary's core metadata
 * with the row's guid, and the two child facts with their content as JSON text. The caller maps
 * it with the Metabase intake's own mapping (parseMetabaseReport).
 *
 * Only the JSON form is read. A row that has nothing but the Sereal form is refused with that
 * reason: no maintained Sereal decoder exists for Node.
 */
export function metabaseCacheFact(row: MetabaseCacheRow): CacheRowConversion {
  const fail = (path: string, message: string): CacheRowConversion => ({ ok: false, errors: [{ path, message }] });
  const report = row.report && row.report.length > 0 ? decompress(row.report) : null;
  if (report === null || isSereal(report)) {
    const fact = row.fact && row.fact.length > 0 ? decompress(row.fact) : null;
    if ((report && isSereal(report)) || (fact && isSereal(fact))) {
      return fail("/report", "is Sereal-encoded only, which this importer cannot decode");
    }
    return fail("/report", "must hold the report's facts as JSON, got nothing");
  }
  let data: unknown;
  try {
    data = JSON.parse(report.toString("utf8"));
  } catch (error) {
    return fail("/report", `must be JSON (zlib-compressed or not), got unreadable data (${(error as Error).message})`);
  }
  if (!isRecord(data)) return fail("/report", `must be a JSON object of facts by class, got ${describeValue(data)}`);
  const legacy = data[LEGACY_CLASS];
  const summary = data[SUMMARY_CLASS];
  const children = [legacy, summary].filter(isRecord);
  const head = isRecord(summary) ? summary : isRecord(legacy) ? legacy : undefined;
  const core = isRecord(head?.metadata) ? head.metadata.core : undefined;
  if (!isRecord(core)) {
    return fail("/report", `must hold a ${LEGACY_CLASS} or ${SUMMARY_CLASS} fact with its metadata, got neither`);
  }
  const facts = children.map((child) => ({
    ...child,
    // The cache stores a child's content decoded or as JSON text, depending on its age.
    content: typeof child.content === "string" ? child.content : JSON.stringify(child.content ?? null),
  }));
  return {
    ok: true,
    fact: {
      content: JSON.stringify(facts),
      metadata: {
        core: { ...(core as unknown as MetabaseFact["metadata"]["core"]), guid: row.guid, type: FACT_TYPES.report },
      },
    },
  };
}

/** `metabase:user:<uuid>` of a rebuilt fact, lowercase, or undefined. */
export function factCreator(fact: MetabaseFact): string | undefined {
  const creator = fact.metadata.core.creator;
  return typeof creator === "string" ? creator.trim().toLowerCase() : undefined;
}

// Data::FlexSerializer compresses with Compress::Zlib: an RFC 1950 stream, first byte 0x78.
function decompress(data: Buffer): Buffer {
  if (data[0] !== 0x78) return data;
  try {
    return inflateSync(data);
  } catch {
    return data;
  }
}

// Sereal documents start with "=srl" (protocol 1, 2) or "=\xF3rl" (3 and later).
function isSereal(data: Buffer): boolean {
  return (
    data.length >= 4 &&
    data[0] === 0x3d &&
    (data[1] === 0x73 || data[1] === 0xf3) &&
    data[2] === 0x72 &&
    data[3] === 0x6c
  );
}
