import { buildSchema, parse } from "graphql";
import { describe, expect, it } from "vitest";
import { operationCachePolicy } from "./cache-policy.js";

const schema = buildSchema(`
  enum CacheControlScope { PUBLIC PRIVATE }
  directive @cacheControl(maxAge: Int, scope: CacheControlScope, inheritMaxAge: Boolean) on FIELD_DEFINITION | OBJECT | INTERFACE | UNION
  interface Node @cacheControl(maxAge: 30) { id: ID! }
  type Report implements Node @cacheControl(maxAge: 86400) { id: ID! grade: String! release: Release! }
  type Release implements Node @cacheControl(maxAge: 5) { id: ID! counts: Counts! }
  type Counts @cacheControl(inheritMaxAge: true) { pass: Int! }
  type Info { version: String! }
  type Query {
    report: Report
    release: Release
    node: Node
    feed: [Release!]! @cacheControl(maxAge: 60)
    mine: Report @cacheControl(scope: PRIVATE)
    info: Info
    count: Int
  }
  type Mutation { touch: Int }
`);

const policy = (query: string) => operationCachePolicy(schema, parse(query), undefined, 0);

describe("operationCachePolicy", () => {
  it("takes the smallest hint of the types in the response", () => {
    expect(policy("{ report { grade } }")).toEqual({ maxAge: 86_400, scope: "PUBLIC" });
    expect(policy("{ report { release { id } } }")).toEqual({ maxAge: 5, scope: "PUBLIC" });
  });

  it("lets a wrapper type inherit its parent's hint", () => {
    expect(policy("{ release { counts { pass } } }")).toEqual({ maxAge: 5, scope: "PUBLIC" });
  });

  it("prefers a field's own maxAge to its type's, and keeps a field's scope", () => {
    expect(policy("{ feed { id } }")).toEqual({ maxAge: 60, scope: "PUBLIC" });
    expect(policy("{ mine { id } }")).toEqual({ maxAge: 86_400, scope: "PRIVATE" });
  });

  it("refuses to cache root scalars, unhinted types, introspection and mutations", () => {
    expect(policy("{ count }").maxAge).toBe(0);
    expect(policy("{ info { version } }").maxAge).toBe(0);
    expect(policy("{ __schema { queryType { name } } }").maxAge).toBe(0);
    expect(policy("mutation { touch }").maxAge).toBe(0);
  });

  it("follows fragments and their type conditions", () => {
    // As in Apollo, a field of an interface type takes the interface's hint, not the object's.
    expect(policy("{ node { id ... on Release { counts { pass } } } }")).toEqual({ maxAge: 30, scope: "PUBLIC" });
    expect(policy("{ node { ... on Report { release { id } } } }")).toEqual({ maxAge: 5, scope: "PUBLIC" });
    expect(policy("{ report { ...R } } fragment R on Report { release { id } }")).toEqual({
      maxAge: 5,
      scope: "PUBLIC",
    });
    expect(policy("{ node { __typename id } }")).toEqual({ maxAge: 30, scope: "PUBLIC" });
  });

  it("measures the named operation only", () => {
    const document = parse("query A { report { grade } } query B { release { id } }");
    expect(operationCachePolicy(schema, document, "A", 0).maxAge).toBe(86_400);
    expect(operationCachePolicy(schema, document, "B", 0).maxAge).toBe(5);
  });
});
