import fc from "fast-check";

/**
 * Values that go where they should not: wrong types, odd and huge strings, lone surrogates,
 * nesting beyond every limit. Shared by the generators of each protocol's inputs.
 */

/** JSON nested `levels` deep around a leaf. */
export function nested(levels: number, leaf: unknown = "leaf"): unknown {
  let value = leaf;
  for (let i = 0; i < levels; i++) value = i % 2 === 0 ? [value] : { a: value };
  return value;
}

export const oddString = fc.oneof(
  fc.string({ maxLength: 16 }),
  fc.string({ unit: "binary", maxLength: 16 }),
  fc.constantFrom(
    "",
    " ",
    "\u0000",
    "\ud800",
    "x\udfff",
    "\udfff\ud800",
    "\ud83d\ude00",
    "\u202e\u200b",
    "é",
    "<script>",
    "'; drop table reports;--",
    "%00",
    "../../etc/passwd",
    "NaN",
    "-1",
    "1e400",
    "true",
    "null",
  ),
  fc.integer({ min: 190, max: 270 }).map((n) => "D".repeat(n)),
  // Past the intake's string limit in the tests' 1 MiB body limit, and past the body limit.
  fc.constantFrom(70_000, 1_100_000).map((n) => "x".repeat(n)),
);

export const oddNumber = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0, -0, -1, 1e308, -1e308, 2 ** 53 + 1, 2 ** 31, 0.5),
);

/** Anything JSON can hold, biased to what breaks code that expected something else. */
export const oddValue: fc.Arbitrary<unknown> = fc.oneof(
  oddString,
  oddNumber,
  fc.constantFrom(null, true, false, [], {}, [null], { "": "" }),
  fc
    .constantFrom('{"__proto__":{"x":1}}', '{"constructor":{"prototype":{"x":1}}}')
    .map((json) => JSON.parse(json) as unknown),
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(30, 63, 64, 65, 200, 3_000).map((levels) => nested(levels)),
  fc.constantFrom(1_000, 5_001).map((n) => Array.from({ length: n }, () => ({}))),
);

type Path = (string | number)[];

/** Every path to a member of a JSON value (objects and arrays), the value itself first. */
function paths(value: unknown, prefix: Path = [], out: Path[] = []): Path[] {
  out.push(prefix);
  if (out.length > 500) return out;
  if (Array.isArray(value)) value.forEach((item, i) => paths(item, [...prefix, i], out));
  else if (value && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) paths(item, [...prefix, key], out);
  }
  return out;
}

type Mutation = { op: "set" | "delete" | "extra" | "stringify"; at: number; value: unknown; key: string };

const mutation: fc.Arbitrary<Mutation> = fc.record({
  op: fc.constantFrom("set", "set", "delete", "extra", "stringify"),
  at: fc.nat(),
  value: oddValue,
  key: fc.oneof(fc.constantFrom("extra", "__proto__", "constructor", "", "\ud800", "id", "guid"), oddString),
});

type Node = Record<string | number, unknown>;

/** Sets an own member, `__proto__` included (an assignment would set the prototype instead). */
function define(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

const shallow = (value: unknown): unknown =>
  Array.isArray(value) ? [...(value as unknown[])] : value && typeof value === "object" ? { ...value } : value;

/**
 * `value` with every node on the way to `path` copied (a deep copy would overflow the stack on
 * values nested thousands of levels); what is off the path is shared, and never changed.
 */
function copyAlong(value: unknown, path: Path): unknown {
  const root = shallow(value);
  let node = root as Node;
  for (const step of path.slice(0, -1)) {
    node[step] = shallow(node[step]);
    node = node[step] as Node;
  }
  return root;
}

/** A copy of `value` with one mutation applied at one of its paths. */
function applyMutation(value: unknown, { op, at, value: odd, key }: Mutation): unknown {
  const all = paths(value);
  const path = all[at % all.length] ?? [];
  const copy = copyAlong(value, path);
  if (path.length === 0) {
    if (op === "stringify") return JSON.stringify(copy);
    if (op === "extra" && copy && typeof copy === "object" && !Array.isArray(copy)) {
      define(copy, key, odd);
      return copy;
    }
    return odd;
  }
  const parent = path.slice(0, -1).reduce<Node>((node, step) => node[step] as Node, copy as Node);
  const last = path.at(-1) as string | number;
  const member = parent[last];
  switch (op) {
    case "set":
      parent[last] = odd;
      break;
    case "delete":
      if (Array.isArray(parent)) parent.splice(Number(last), 1);
      else delete parent[last];
      break;
    case "extra":
      if (member && typeof member === "object" && !Array.isArray(member)) define(member, key, odd);
      else parent[last] = [member, odd];
      break;
    case "stringify":
      // A member encoded once more than it should be, as some clients do.
      parent[last] = JSON.stringify(member);
      break;
  }
  return copy;
}

/** A valid value now and then (a quarter of the time), otherwise one to three mutations of it. */
export function mutated<T>(valid: fc.Arbitrary<T>): fc.Arbitrary<unknown> {
  return fc.oneof(
    { arbitrary: valid, weight: 1 },
    {
      arbitrary: fc
        .tuple(valid, fc.array(mutation, { minLength: 1, maxLength: 3 }))
        .map(([value, mutations]) => mutations.reduce<unknown>((current, m) => applyMutation(current, m), value)),
      weight: 3,
    },
  );
}

/** Bytes that are not the JSON they claim to be: random, truncated, invalid UTF-8, nesting past any parser. */
export function brokenJson(valid: fc.Arbitrary<unknown>): fc.Arbitrary<string | Uint8Array> {
  const text = valid.map((value) => JSON.stringify(value) ?? "null");
  return fc.oneof(
    fc.uint8Array({ maxLength: 64 }),
    fc.string({ unit: "binary", maxLength: 64 }),
    fc.tuple(text, fc.nat()).map(([json, cut]) => json.slice(0, cut % Math.max(json.length, 1))),
    fc
      .tuple(text, fc.nat(), fc.constantFrom("\\", '"', "{", "]", ",", "\\ud800", "\\u12", "\u0000", "\ufeff"))
      .map(([json, at, insert]) => json.slice(0, at % (json.length + 1)) + insert + json.slice(at % (json.length + 1))),
    text.map((json) =>
      Buffer.concat([Buffer.from(json.slice(0, 10)), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from(json.slice(10))]),
    ),
    text.map((json) => `\ufeff${json}`),
    fc.constantFrom(10, 3_000, 100_000).map((n) => "[".repeat(n) + "]".repeat(n)),
    fc.constantFrom(3_000, 100_000).map((n) => '{"a":'.repeat(n) + "1" + "}".repeat(n)),
    // Deep where only a member is looked at: a GraphQL variable, a report's comments.
    fc
      .constantFrom(3_000, 100_000)
      .map(
        (n) =>
          `{"query":"query($v: JSONObject) { __typename }","variables":{"v":${'{"a":'.repeat(n)}1${"}".repeat(n)}},"comments":${"[".repeat(n)}${"]".repeat(n)}}`,
      ),
    fc.constantFrom("", " ", "null", "0", '""', "[]", "{}", "true", '{"a":1}{"b":2}', "NaN", "[1,]", "{'a':1}"),
    fc.constantFrom(200_000, 1_000_000).map((n) => `{"prerequisites":[${"{},".repeat(n)}{}]}`),
  );
}

/** Content types a client might send, or get wrong. */
export const contentType = fc.oneof(
  { arbitrary: fc.constant("application/json"), weight: 6 },
  {
    arbitrary: fc.constantFrom(
      undefined,
      "text/plain",
      "application/octet-stream",
      "application/json; charset=latin1",
      "application/json; charset=utf-16",
      "multipart/form-data; boundary=x",
      "application/x-www-form-urlencoded",
      "application/graphql",
      "*/*",
      "application/json, text/plain",
    ),
    weight: 1,
  },
);
