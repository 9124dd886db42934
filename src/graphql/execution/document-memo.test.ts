import { parse } from "graphql";
import { describe, expect, it } from "vitest";
import { memoised, MemoSlot, operationOf } from "./document-memo.js";

describe("operationOf", () => {
  it("finds the named operation, the only one when unnamed, and none when ambiguous", () => {
    const single = parse("query A { a } fragment F on Query { b }");
    expect(operationOf(single).operation?.name?.value).toBe("A");
    expect([...operationOf(single).fragments.keys()]).toEqual(["F"]);
    const two = parse("query A { a } query B { b }");
    expect(operationOf(two, "B").operation?.name?.value).toBe("B");
    expect(operationOf(two).operation).toBeUndefined();
    expect(operationOf(two, "C").operation).toBeUndefined();
  });
});

describe("memoised", () => {
  it("computes once per document, operation and slot", () => {
    const document = parse("query A { a } query B { b }");
    const slot = new MemoSlot<string>("test");
    const other = new MemoSlot<string>("other");
    let calls = 0;
    const name = (operationName: string, into = slot) =>
      memoised(into, document, operationName, ({ operation }) => `${++calls}:${operation?.name?.value}`);
    expect([name("A"), name("A"), name("B"), name("A", other)]).toEqual(["1:A", "1:A", "2:B", "3:A"]);
    expect(memoised(slot, parse("query A { a }"), "A", () => "fresh")).toBe("fresh");
  });
});
