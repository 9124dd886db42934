import { describe, expect, it } from "vitest";
import { buildFact } from "./metabase.build.js";
import { decodeJsonContent, metabaseTime, readFact, stringContent } from "./metabase.fact.js";

const stamp = {
  resource: "cpan:///distfile/MKOWALSKI/Text-Quillwork-0.42.tar.gz",
  creator: "metabase:user:7d3c2a10-6f1e-11df-8b2e-2b7c4f9a1d05",
  creationTime: "2010-06-14T09:12:44Z",
};

describe("readFact", () => {
  it("returns the core with a lowercase guid and a dashed type", () => {
    const fact = buildFact("CPAN::Testers::Fact::TestSummary", "3E8A9C1E-7794-11DF-A5C3-6D1F2E8B9C40", "{}", stamp);
    expect(readFact(fact, "/content/1")).toEqual({
      ok: true,
      value: {
        core: {
          guid: "3e8a9c1e-7794-11df-a5c3-6d1f2e8b9c40",
          type: "CPAN-Testers-Fact-TestSummary",
          resource: stamp.resource,
          creator: stamp.creator,
          creation_time: "2010-06-14T09:12:44Z",
          update_time: "2010-06-14T09:12:44Z",
          schema_version: 1,
          valid: 1,
        },
        content: "{}",
        path: "/content/1",
      },
    });
  });

  it("lists every problem of the envelope", () => {
    const core = { guid: 7, type: ["x"], resource: "", creator: 1, creation_time: 2010 };
    expect(readFact({ content: null, metadata: { core } }, "/0")).toEqual({
      ok: false,
      errors: [
        { path: "/0/metadata/core/type", message: "must be a fact type string, got an array of 1" },
        { path: "/0/metadata/core/guid", message: "must be a uuid, got 7" },
        { path: "/0/metadata/core/resource", message: 'must be a non-empty string, got ""' },
        { path: "/0/metadata/core/creator", message: "must be a string, got 1" },
        { path: "/0/metadata/core/creation_time", message: "must be a string, got 2010" },
        { path: "/0/content", message: "must be a string (the fact's serialised content), got null" },
      ],
    });
  });
});

describe("decodeJsonContent", () => {
  it("decodes JSON text, and JSON text inside a JSON string", () => {
    expect(decodeJsonContent('[{"a":1}]', "/content")).toEqual({ ok: true, value: [{ a: 1 }] });
    expect(decodeJsonContent(JSON.stringify('[{"a":1}]'), "/content")).toEqual({ ok: true, value: [{ a: 1 }] });
    expect(decodeJsonContent(JSON.stringify(JSON.stringify({ a: 1 })), "/c")).toEqual({ ok: true, value: { a: 1 } });
  });

  it("leaves a plain JSON string alone, and one that only looks like JSON", () => {
    expect(decodeJsonContent('"hello"', "/c")).toEqual({ ok: true, value: "hello" });
    expect(decodeJsonContent('"[not json"', "/c")).toEqual({ ok: true, value: "[not json" });
  });

  it("says what it got when the text is not JSON", () => {
    expect(decodeJsonContent("", "/content/0/content")).toEqual({
      ok: false,
      errors: [
        { path: "/content/0/content", message: expect.stringMatching(/^must be JSON text, got "" \(.+\)$/) as string },
      ],
    });
  });
});

describe("stringContent", () => {
  it("unquotes a JSON-quoted string and keeps anything else as sent", () => {
    expect(["plain", '"quoted"', '"a" and "b"', ' "spaced" ', '"'].map(stringContent)).toEqual([
      "plain",
      "quoted",
      '"a" and "b"',
      "spaced",
      '"',
    ]);
  });
});

describe("metabaseTime", () => {
  it("normalises Metabase times to ISO in UTC", () => {
    expect(
      ["2010-03-21T17:39:05Z", "2010-03-21 17:39:05", "2010-03-21T19:39:05+02:00", "2010-03-21T17:39:05.25z"].map(
        metabaseTime,
      ),
    ).toEqual([
      "2010-03-21T17:39:05.000Z",
      "2010-03-21T17:39:05.000Z",
      "2010-03-21T17:39:05.000Z",
      "2010-03-21T17:39:05.250Z",
    ]);
  });

  it("returns null for anything else", () => {
    expect([undefined, "", "yesterday", "2010-13-45T99:00:00Z", "1269193145"].map(metabaseTime)).toEqual([
      null,
      null,
      null,
      null,
      null,
    ]);
  });
});
