import { describe, expect, it } from "vitest";
import { loadFixture } from "../../test/fixtures/index.js";
import { canonicalJson, contentHash, serializeReport } from "./report.hash.js";
import type { NewReport, ReportDocument } from "./report.types.js";

const doc = () => loadFixture("v3-perl5-valid") as NewReport;

/** Rebuilds an object with its keys in reverse order at every depth. */
function reversed(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversed);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([k, v]) => [k, reversed(v)]),
  );
}

describe("canonicalJson", () => {
  it("sorts keys at every depth and drops undefined members", () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { f: 1, e: undefined }], c: null }, u: undefined })).toBe(
      '{"a":{"c":null,"d":[3,{"f":1}]},"b":1}',
    );
    expect(canonicalJson([undefined, "é"])).toBe('[null,"é"]');
  });
});

describe("contentHash", () => {
  it("is a sha256 hex digest that ignores key order", () => {
    const hash = contentHash(doc());
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(contentHash(reversed(doc()) as NewReport)).toBe(hash);
  });

  it("ignores the server-filled id and created", () => {
    expect(contentHash({ ...doc(), id: "a58945f6-3510-11df-89c9-1bb9c3681c0d", created: "2010-03-21T17:39:05Z" })).toBe(
      contentHash(doc()),
    );
  });

  it("changes with any content, however small", () => {
    const changed = doc();
    changed.result.output.test = `${changed.result.output.test ?? ""} `;
    const regraded = { ...doc(), result: { ...doc().result, grade: "fail" as const } };
    const hashes = new Set([contentHash(doc()), contentHash(changed), contentHash(regraded)]);
    expect(hashes.size).toBe(3);
  });
});

describe("serializeReport", () => {
  const stored = (): ReportDocument => ({
    ...doc(),
    id: "a58945f6-3510-11df-89c9-1bb9c3681c0d",
    created: "2010-03-21T17:39:05Z",
  });

  it("writes the whole document once and hashes its content as contentHash does", () => {
    const { json, contentHash: hash } = serializeReport(stored());
    expect(JSON.parse(json)).toEqual(stored());
    expect(hash).toBe(contentHash(stored()));
  });

  it("replaces U+0000, which Postgres cannot store, and hashes what is stored", () => {
    const withNul = stored();
    withNul.result.output.test = "binary \u0000 garbage";
    const { json, contentHash: hash } = serializeReport(withNul);
    expect(json).not.toContain("\\u0000");
    const parsed = JSON.parse(json) as ReportDocument;
    expect(parsed.result.output.test).toBe("binary \uFFFD garbage");
    expect(hash).toBe(contentHash(parsed));
  });

  it("keeps a backslash followed by u0000 as the text it is", () => {
    const literal = stored();
    literal.result.output.test = "printf '\\u0000'";
    expect((JSON.parse(serializeReport(literal).json) as ReportDocument).result.output.test).toBe("printf '\\u0000'");
  });
});
