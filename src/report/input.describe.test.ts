import { describe, expect, it } from "vitest";
import { describeValue, isRecord, pointerJoin } from "./input.describe.js";

describe("describeValue", () => {
  it("renders every JSON kind", () => {
    expect([undefined, null, "v5.24.1", 5, 1.5, true, [1, 2], { a: 1 }].map(describeValue)).toEqual([
      "nothing",
      "null",
      '"v5.24.1"',
      "5",
      "1.5",
      "true",
      "an array of 2",
      "an object",
    ]);
  });

  it("cuts long strings so text reports never land in messages", () => {
    expect(describeValue("x".repeat(500))).toBe(`"${"x".repeat(60)}…"`);
  });
});

describe("pointerJoin", () => {
  it("escapes ~ and / as RFC 6901 requires", () => {
    expect(pointerJoin("/environment/system/variables", "a/b~c")).toBe("/environment/system/variables/a~1b~0c");
    expect(pointerJoin("", 0)).toBe("/0");
  });
});

describe("isRecord", () => {
  it("accepts plain objects only", () => {
    expect([{}, [], null, "x"].map(isRecord)).toEqual([true, false, false, false]);
  });
});
