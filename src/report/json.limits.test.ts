import { describe, expect, it } from "vitest";
import { depthError, jsonDepth, jsonValueErrors } from "./json.limits.js";

const limits = { maxDepth: 3, maxStringLength: 5 };

describe("jsonDepth", () => {
  it("counts nesting of arrays and objects, not brackets inside strings", () => {
    expect(jsonDepth("1", 10)).toBe(0);
    expect(jsonDepth('{"a":[1,{"b":2}]}', 10)).toBe(3);
    expect(jsonDepth('["[[[[", "\\"[[["]', 10)).toBe(1);
  });

  it("stops one level past the limit", () => {
    expect(jsonDepth("[".repeat(1_000_000), 3)).toBe(4);
  });

  it("refuses one level over the limit and accepts the limit", () => {
    expect(depthError("[[[1]]]", 3)).toBeNull();
    expect(depthError("[[[[1]]]]", 3)).toEqual({
      path: "",
      message: "must not nest arrays and objects more than 3 levels deep",
    });
  });
});

describe("jsonValueErrors", () => {
  it("accepts strings and member names at the length limit, and refuses one character more", () => {
    expect(jsonValueErrors({ abcde: ["12345"] }, limits)).toEqual([]);
    expect(jsonValueErrors({ abcdef: ["123456"] }, limits)).toEqual([
      { path: "/abcdef", message: "member name must be at most 5 characters long, got 6" },
      { path: "/abcdef/0", message: "must be at most 5 characters long, got 6" },
    ]);
  });

  it("refuses lone surrogates, high or low, and accepts pairs", () => {
    expect(jsonValueErrors(["\ud83d\ude00"], limits)).toEqual([]);
    expect(jsonValueErrors(["a\ud800", "\udc00b"], limits)).toEqual([
      { path: "/0", message: "must be well-formed Unicode, got a lone surrogate at character 1" },
      { path: "/1", message: "must be well-formed Unicode, got a lone surrogate at character 0" },
    ]);
  });

  it("refuses values nested deeper than the limit", () => {
    expect(jsonValueErrors({ a: { b: [1] } }, limits)).toEqual([]);
    expect(jsonValueErrors({ a: { b: [[1]] } }, limits)).toEqual([
      { path: "/a/b/0", message: "must not nest arrays and objects more than 3 levels deep" },
    ]);
  });
});
