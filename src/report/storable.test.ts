import { describe, expect, it } from "vitest";
import { withoutNulChars } from "./storable.js";

describe("withoutNulChars", () => {
  it("replaces U+0000 in strings and keys at any depth and leaves the rest alone", () => {
    expect(withoutNulChars({ a: "x\u0000y", list: ["\u0000", 1, null, true], ["k\u0000"]: { deep: "ok" } })).toEqual({
      a: "x\uFFFDy",
      list: ["\uFFFD", 1, null, true],
      ["k\uFFFD"]: { deep: "ok" },
    });
  });

  it("returns strings without U+0000 unchanged", () => {
    const text = "All tests successful.";
    expect(withoutNulChars(text)).toBe(text);
  });
});

describe("withoutNulChars on a document without U+0000", () => {
  it("returns the very same object, without copying", () => {
    const document = { result: { output: { test: "ok" } }, list: ["a", { b: "c" }] };
    expect(withoutNulChars(document)).toBe(document);
  });
});
