import { createHash } from "node:crypto";
import fc from "fast-check";
import type { IntrospectionQuery, IntrospectionTypeRef } from "graphql";
import { oddString, oddValue } from "./fuzz.values.js";

/**
 * GraphQL documents made from the real schema (its introspection): random selections of its
 * fields, arguments of every type (mostly wrong), aliases, fragments, nesting deeper than the
 * limits, variables whose values do not fit their types, and persisted-query extensions.
 */

interface FieldInfo {
  name: string;
  args: { name: string; type: string }[];
  /** The named type under lists and non-nulls. */
  type: string;
}

interface TypeInfo {
  kind: string;
  fields: FieldInfo[];
  possibleTypes: string[];
  enumValues: string[];
}

export interface SchemaInfo {
  types: Map<string, TypeInfo>;
  roots: { query: string; mutation?: string | undefined; subscription?: string | undefined };
}

function typeName(ref: IntrospectionTypeRef): string {
  return "ofType" in ref && ref.ofType ? typeName(ref.ofType) : (ref as { name: string }).name;
}

function typeText(ref: IntrospectionTypeRef): string {
  if (ref.kind === "NON_NULL") return `${typeText(ref.ofType)}!`;
  if (ref.kind === "LIST") return `[${typeText(ref.ofType)}]`;
  return ref.name;
}

export function schemaInfo(introspection: IntrospectionQuery): SchemaInfo {
  const types = new Map<string, TypeInfo>();
  for (const type of introspection.__schema.types) {
    types.set(type.name, {
      kind: type.kind,
      fields:
        "fields" in type && type.fields
          ? type.fields.map((field) => ({
              name: field.name,
              args: field.args.map((arg) => ({ name: arg.name, type: typeText(arg.type) })),
              type: typeName(field.type),
            }))
          : "inputFields" in type && type.inputFields
            ? type.inputFields.map((field) => ({ name: field.name, args: [], type: typeName(field.type) }))
            : [],
      possibleTypes: "possibleTypes" in type && type.possibleTypes ? type.possibleTypes.map((t) => t.name) : [],
      enumValues: "enumValues" in type && type.enumValues ? type.enumValues.map((v) => v.name) : [],
    });
  }
  const { queryType, mutationType, subscriptionType } = introspection.__schema;
  return {
    types,
    roots: { query: queryType.name, mutation: mutationType?.name, subscription: subscriptionType?.name },
  };
}

/** Random choices, consumed in turn by the deterministic builder below. */
class Choices {
  private at = 0;
  constructor(private readonly picks: number[]) {}
  next(bound: number): number {
    const pick = this.picks[this.at++ % this.picks.length] ?? 0;
    return bound <= 0 ? 0 : pick % bound;
  }
  chance(inTen: number): boolean {
    return this.next(10) < inTen;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.next(items.length)] as T;
  }
}

const LITERALS = [
  "1",
  "-1",
  "0",
  "1.5",
  "99999999999999999999",
  '"x"',
  '""',
  '"\\ud800"',
  '"\\u0000"',
  '"a\\u0000b"',
  '"Foo-Bar"',
  '"2026-01-01T00:00:00Z"',
  '"0000-01-01"',
  '"9999-12-31T23:59:59Z"',
  '"99999999999999999999999"',
  "true",
  "null",
  "[1, 2]",
  '["PASS", "FAIL"]',
  "{ a: 1 }",
  "PASS",
  "FAIL",
  "$v",
  "$w",
  '"00000000-0000-4000-8000-000000000000"',
  '"UmVwb3J0OjE="',
];

interface Built {
  text: string;
  fragments: string[];
  variables: Set<string>;
  /** Selections left to make: wide and deep at once would grow without bound. */
  budget: number;
}

function selection(schema: SchemaInfo, type: string, depth: number, c: Choices, built: Built): string {
  const info = schema.types.get(type);
  if (!info || (info.kind !== "OBJECT" && info.kind !== "INTERFACE" && info.kind !== "UNION")) return "";
  if (depth <= 0 || built.budget <= 0) return "{ __typename }";
  const parts: string[] = [];
  const count = 1 + c.next(c.chance(1) ? 25 : 3);
  for (let i = 0; i < count; i++) {
    built.budget -= 1;
    if (info.possibleTypes.length > 0 && c.chance(3)) {
      const on = c.pick(info.possibleTypes);
      parts.push(`... on ${on} ${selection(schema, on, depth - 1, c, built)}`);
      continue;
    }
    if (info.fields.length === 0 || c.chance(1)) {
      parts.push(c.chance(5) ? "__typename" : c.pick(["nope", "__schema { queryType { name } }", "id", "nodes"]));
      continue;
    }
    const field = c.pick(info.fields);
    const alias = c.chance(2) ? `a${c.next(1000)}: ` : "";
    const args = field.args
      .filter(() => c.chance(5))
      .map((arg) => {
        const value = c.chance(3) ? validLiteral(schema, arg.type, c) : c.pick(LITERALS);
        if (value.startsWith("$")) built.variables.add(value.slice(1));
        return `${arg.name}: ${value}`;
      });
    if (c.chance(1)) args.push(`${c.pick(["bogus", "first", "after", "dist"])}: ${c.pick(LITERALS.slice(0, 6))}`);
    const inner = selection(schema, field.type, depth - 1, c, built);
    let text = `${alias}${field.name}${args.length ? `(${args.join(", ")})` : ""} ${inner}`;
    if (c.chance(1)) {
      const name = `F${built.fragments.length}`;
      built.fragments.push(`fragment ${name} on ${type} { ${text} }`);
      text = `...${name}`;
    }
    parts.push(text);
  }
  return `{ ${parts.join(" ")} }`;
}

/** A literal of the argument's own type, so that some documents get past validation. */
function validLiteral(schema: SchemaInfo, type: string, c: Choices): string {
  const name = type.replace(/[[\]!]/g, "");
  const list = type.startsWith("[");
  let value: string;
  const info = schema.types.get(name);
  if (info?.kind === "ENUM") value = c.pick(info.enumValues);
  else if (name === "Int") value = c.pick(["1", "5", "0", "100", "101", "-3", "2147483648"]);
  else if (name === "Float") value = c.pick(["1.5", "-0.0"]);
  else if (name === "Boolean") value = c.pick(["true", "false"]);
  else if (info?.kind === "INPUT_OBJECT") value = `{ ${info.fields.map((f) => `${f.name}: 1`).join(", ")} }`;
  else
    value = c.pick([
      '"Foo-Bar"',
      '"5.36.0"',
      '"linux"',
      '"ANDK"',
      '"2026-01-01T00:00:00Z"',
      '"1.00"',
      '"x"',
      '"\\u0000"',
      "1",
    ]);
  return list ? `[${value}]` : value;
}

const VARIABLE_TYPES = ["Int", "Int!", "String", "String!", "[String!]", "Boolean", "JSONObject", "ID!", "Grade"];

/** A GraphQL document over the schema, as a request body (or the odd body of a different shape). */
export function graphqlBody(schema: SchemaInfo): fc.Arbitrary<unknown> {
  const document = fc
    .tuple(fc.array(fc.nat({ max: 1_000_000 }), { minLength: 32, maxLength: 96 }), fc.nat({ max: 20 }))
    .map(([picks, depthPick]) => {
      const c = new Choices(picks);
      const operation = c.pick(["query", "query", "query", "mutation", "subscription"] as const);
      const root = schema.roots[operation] ?? schema.roots.query;
      const depth = depthPick > 17 ? 30 : 1 + (depthPick % 6);
      const built: Built = { text: "", fragments: [], variables: new Set(), budget: 1_500 };
      const body = selection(schema, root, depth, c, built);
      if (c.chance(1)) built.variables.add(c.pick(["v", "w", "unused"]));
      const declared = [...built.variables].map((v) => `$${v}: ${c.pick(VARIABLE_TYPES)}`);
      const head = `${operation}${c.chance(5) ? ` Op${c.next(9)}` : ""}${declared.length ? `(${declared.join(", ")})` : ""}`;
      return { query: [`${head} ${body}`, ...built.fragments].join("\n"), variableNames: [...built.variables] };
    });
  const request = fc
    .tuple(
      document,
      fc.dictionary(fc.constantFrom("v", "w", "unused", "report"), oddValue, { maxKeys: 3 }),
      fc.constantFrom("none", "none", "none", "badHash", "goodHash", "hashOnly", "badVersion"),
      fc.constantFrom(undefined, undefined, "Op1", "Nope", 7),
    )
    .map(([{ query }, variables, persisted, operationName]) => {
      const sha = createHash("sha256").update(query).digest("hex");
      const extensions =
        persisted === "none"
          ? undefined
          : {
              persistedQuery: {
                version: persisted === "badVersion" ? 2 : 1,
                sha256Hash: persisted === "badHash" ? sha.replace(/^./, (ch) => (ch === "0" ? "1" : "0")) : sha,
              },
            };
      return {
        ...(persisted === "hashOnly" ? {} : { query }),
        variables,
        ...(operationName === undefined ? {} : { operationName }),
        ...(extensions ? { extensions } : {}),
      };
    });
  return fc.oneof(
    { arbitrary: request, weight: 8 },
    {
      arbitrary: fc.oneof(
        fc.record({ query: oddValue }),
        fc.record({ query: fc.constant("{ __typename }"), variables: oddValue }),
        fc.record({ query: fc.constant("{ __typename }"), extensions: oddValue }),
        fc.record({ query: oddString.map((s) => `{ ${s} }`) }),
        fc.record({ query: fc.constantFrom(`{ ${"a: __typename ".repeat(5_000)} }`, `${"{ ".repeat(3_000)}`) }),
        fc.array(fc.record({ query: fc.constant("{ __typename }") }), { maxLength: 3 }),
        oddValue,
      ),
      weight: 2,
    },
  );
}
