import { type GraphQLError, parse } from "graphql";
import { describe, expect, it } from "vitest";
import { checkShape, measureShape } from "./query-shape.js";

describe("measureShape", () => {
  it("counts fields, aliases and root fields of each operation through fragments", () => {
    const document = parse(`
      query A { a: x { ...F ...F } y }
      query B { z }
      fragment F on T { b: w ... on T { v } }
    `);
    expect(measureShape(document)).toEqual([
      { fields: 6, aliases: 3, rootFields: 2 },
      { fields: 1, aliases: 0, rootFields: 1 },
    ]);
  });

  it("counts a fragment spread twice on each of 40 levels without walking 2^40 copies (which would never end)", () => {
    const levels = Array.from({ length: 40 }, (_, i) => `fragment F${i} on T { ...F${i + 1} ...F${i + 1} }`);
    const document = parse(`{ x { ...F0 } } ${levels.join(" ")} fragment F40 on T { y }`);
    expect(measureShape(document)).toEqual([{ fields: 1 + 2 ** 40, aliases: 0, rootFields: 1 }]);
  });

  it("refuses a fragment cycle, even in a fragment no operation spreads", () => {
    expect(() => measureShape(parse("{ x } fragment A on T { ...B } fragment B on T { ...A }"))).toThrow(
      /Cannot spread fragment "A" within itself/,
    );
  });

  it("refuses a cycle through 1,000 fragments once, before GraphQL's validation walks it", () => {
    const fragments = Array.from({ length: 1_000 }, (_, i) => `fragment F${i} on T { ...F${(i + 1) % 1_000} }`);
    const document = parse(`{ ...F0 } ${fragments.join(" ")}`);
    expect(() => measureShape(document)).toThrow(/Cannot spread fragment "F0" within itself/);
  });
});

describe("checkShape", () => {
  const limits = { fields: 3, aliases: 1, rootFields: 2 };
  const refusal = (query: string) => {
    try {
      checkShape(parse(query), limits);
      return undefined;
    } catch (error) {
      return (error as GraphQLError).extensions;
    }
  };

  it("accepts each limit and refuses one more, with the figures", () => {
    expect(refusal("{ a b { c } }")).toBeUndefined();
    expect(refusal("{ a b c }")).toMatchObject({ code: "TOO_MANY_ROOT_FIELDS", limit: 2, actual: 3 });
    expect(refusal("{ x: a b }")).toBeUndefined();
    expect(refusal("{ x: a y: b }")).toMatchObject({ code: "TOO_MANY_ALIASES", limit: 1, actual: 2 });
    expect(refusal("{ a { b { c { d } } } }")).toMatchObject({ code: "TOO_MANY_FIELDS", limit: 3, actual: 4 });
  });
});
