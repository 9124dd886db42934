import { deflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { metabaseCacheFact } from "./legacy.convert.js";
import { parseMetabaseReport } from "./metabase.report.js";

const GUID = "4fe9f782-4594-11df-b067-2bba90befd91";
const core = (type: string, guid: string) => ({
  resource: "cpan:///distfile/HVC/Video-Manip-0.02.tar.gz",
  creator: "metabase:user:322078bc-2aae-11df-837a-5e0a49663a4f",
  type,
  creation_time: "2010-04-11T18:01:54Z",
  update_time: "2010-04-11T18:01:54Z",
  guid,
  schema_version: 1,
  valid: 1,
});
const content = {
  osversion: "7.2-release",
  archname: "i386-freebsd",
  perl_version: "v5.8.9",
  osname: "freebsd",
  grade: "FAIL",
};
const facts = {
  "CPAN::Testers::Fact::LegacyReport": {
    metadata: { core: core("CPAN-Testers-Fact-LegacyReport", "4feb9e8e-4594-11df-b067-2bba90befd91") },
    content: JSON.stringify({ ...content, textreport: "Dear HVC," }),
  },
  // Older rows hold the content decoded.
  "CPAN::Testers::Fact::TestSummary": {
    metadata: { core: core("CPAN-Testers-Fact-TestSummary", "4febc3c8-4594-11df-b067-2bba90befd91") },
    content,
  },
};

describe("metabaseCacheFact", () => {
  it("rebuilds the report fact of a zlib-compressed JSON row, which the Metabase mapping reads", () => {
    const converted = metabaseCacheFact({ guid: GUID, report: deflateSync(JSON.stringify(facts)), fact: null });
    if (!converted.ok) throw new Error(JSON.stringify(converted.errors));
    expect(converted.fact.metadata.core).toMatchObject({ guid: GUID, type: "CPAN-Testers-Report" });
    const parsed = parseMetabaseReport(converted.fact, { name: "Ada", email: "ada@example.org" });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    expect(parsed.report).toEqual({
      id: GUID,
      created: "2010-04-11T18:01:54.000Z",
      reporter: { name: "Ada", email: "ada@example.org" },
      environment: {
        language: { name: "Perl 5", version: "5.8.9", archname: "i386-freebsd" },
        system: { osname: "freebsd", osversion: "7.2-release" },
      },
      distribution: { name: "Video-Manip", version: "0.02" },
      result: { grade: "fail", output: { uncategorized: "Dear HVC," } },
      metabase: { resource: "cpan:///distfile/HVC/Video-Manip-0.02.tar.gz", creator: core("", "").creator },
    });
  });

  it("reads an uncompressed row alike", () => {
    expect(metabaseCacheFact({ guid: GUID, report: Buffer.from(JSON.stringify(facts)), fact: null }).ok).toBe(true);
  });

  it("refuses a row kept only as Sereal, compressed or not, saying so", () => {
    const sereal = Buffer.from("=\u00f3rl\u0004\u0000body", "latin1");
    for (const fact of [sereal, deflateSync(sereal)]) {
      expect(metabaseCacheFact({ guid: GUID, report: Buffer.alloc(0), fact })).toEqual({
        ok: false,
        errors: [{ path: "/report", message: "is Sereal-encoded only, which this importer cannot decode" }],
      });
    }
  });

  it("refuses a row it cannot read, with why", () => {
    const garbage = metabaseCacheFact({ guid: GUID, report: Buffer.from("{not json"), fact: null });
    expect(garbage.ok).toBe(false);
    expect(!garbage.ok && garbage.errors[0]?.message).toMatch(
      /^must be JSON \(zlib-compressed or not\), got unreadable data/,
    );
    expect(metabaseCacheFact({ guid: GUID, report: Buffer.from("{}"), fact: null })).toEqual({
      ok: false,
      errors: [
        {
          path: "/report",
          message:
            "must hold a CPAN::Testers::Fact::LegacyReport or CPAN::Testers::Fact::TestSummary fact with its metadata, got neither",
        },
      ],
    });
  });
});
