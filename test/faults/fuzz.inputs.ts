import fc from "fast-check";
import { buildRegistration, buildReportFact, FACT_TYPES, GRADES } from "../../src/report/index.js";
import { TESTER, v3Report } from "../factories/report.factory.js";
import { graphqlBody, type SchemaInfo } from "./fuzz.graphql.js";
import { brokenJson, contentType, mutated, oddString } from "./fuzz.values.js";

/** How an answer's errors must look: each protocol has its own body. */
export type Protocol = "v3" | "metabase" | "graphql" | "legacy";

export type FuzzKind =
  | "v3 report"
  | "v3 report bytes"
  | "metabase submit"
  | "metabase submit bytes"
  | "register"
  | "graphql"
  | "graphql bytes"
  | "graphql GET"
  | "rest GET"
  | "legacy GET";

/** One HTTP request the fuzzer sends; the credentials are filled in by the sender. */
export interface FuzzInput {
  kind: FuzzKind;
  protocol: Protocol;
  method: "GET" | "POST";
  path: string;
  contentType?: string | undefined;
  body?: string | Uint8Array | undefined;
  auth: "good" | "none" | "garbage";
  /** A report submission: a 2xx must be counted, anything else must store nothing. */
  submission: boolean;
}

const V3_REPORT = "/v3/report";
const METABASE_SUBMIT = "/api/v1/submit/CPAN-Testers-Report";

const auth = fc.constantFrom<FuzzInput["auth"]>("good", "good", "good", "good", "good", "none", "garbage");

const validV3 = fc
  .record({
    dist: fc.constantFrom("Foo-Bar", "Acme-Fuzz"),
    version: fc.constantFrom("1.00", "0.01_01"),
    grade: fc.constantFrom(...GRADES),
    perl: fc.constantFrom("5.36.0", "5.40.1", "5.8.8"),
  })
  .map((spec) => v3Report(spec));

const validFact = fc
  .record({
    guid: fc.uuid({ version: 4 }),
    child: fc.uuid({ version: 4 }),
    grade: fc.constantFrom("pass", "fail", "na", "unknown"),
    dist: fc.constantFrom("Foo-Bar-1.00", "Acme-Fuzz-0.02"),
  })
  .map(({ guid, child, grade, dist }) =>
    buildReportFact(
      guid,
      {
        resource: `cpan:///distfile/ZTEST/${dist}.tar.gz`,
        creator: `metabase:user:${TESTER.id}`,
        creationTime: "2026-03-01T12:00:00Z",
      },
      [
        {
          type: FACT_TYPES.legacyReport,
          guid: child,
          content: { grade, osname: "linux", archname: "x86_64-linux", perl_version: "5.36.0", textreport: "ok" },
        },
      ],
    ),
  );

/** A fact whose `content` (JSON in a string, twice over) is encoded once too few or too many times. */
const misencodedFact = fc
  .tuple(validFact, fc.constantFrom("decoded", "twice", "childDecoded", "childTwice", "truncated"))
  .map(([fact, how]) => {
    const children = JSON.parse(fact.content) as { content: string }[];
    const child = children[0] as { content: unknown };
    switch (how) {
      case "decoded":
        return { ...fact, content: children };
      case "twice":
        return { ...fact, content: JSON.stringify(fact.content) };
      case "childDecoded":
        child.content = JSON.parse(child.content as string);
        return { ...fact, content: JSON.stringify(children) };
      case "childTwice":
        child.content = JSON.stringify(child.content);
        return { ...fact, content: JSON.stringify(children) };
      case "truncated":
        return { ...fact, content: fact.content.slice(0, fact.content.length / 2) };
    }
  });

const validRegistration = fc
  .record({
    guid: fc.oneof(fc.uuid({ version: 4 }), fc.constant(TESTER.id)),
    fullName: fc.constantFrom("Fuzz Tester", "Ümlaut Ñame"),
    secret: fc.constantFrom("s3cret", "metabase-secret"),
    facts: fc.tuple(fc.uuid({ version: 4 }), fc.uuid({ version: 4 }), fc.uuid({ version: 4 })),
  })
  .map(({ guid, fullName, secret, facts: [fullNameGuid, email, secretGuid] }) =>
    buildRegistration({
      guid,
      fullName,
      email: "fuzz@example.org",
      secret,
      creationTime: "2026-03-01T12:00:00Z",
      factGuids: { fullName: fullNameGuid, email, secret: secretGuid },
    }),
  );

/** Percent-encoded as a client would; a lone surrogate, which UTF-8 cannot hold, as the bytes a careless one sends. */
function encode(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return `${encodeURIComponent(text.replace(/\p{Cs}/gu, ""))}%ED%A0%80`;
  }
}

/** A path segment: a name, or something no name is, encoded as a client would (or would not). */
const segment = fc.oneof(
  { arbitrary: fc.constantFrom("Foo-Bar", "Acme-Fuzz", "1.00", "ZTEST", "ANDK", "F"), weight: 3 },
  { arbitrary: oddString.map((s) => encode(s.slice(0, 300)).replace(/%2F/g, "/")), weight: 2 },
  { arbitrary: fc.constantFrom("%", "%ZZ", "%00", "..", "%2e%2e", "a%2Fb", "%ud800", "a b", "%C0%AF"), weight: 1 },
);

const query = fc
  .array(
    fc.tuple(
      fc.constantFrom("since", "limit", "grade", "perl", "osname", "maturity", "range", "date", "page", "x", "since[]"),
      fc.oneof(
        // Past what the database's types hold: ids beyond bigint, days before year 1 or after 9999.
        fc.constantFrom(
          "99999999999999999999999",
          "1-99999999999999999999999",
          "-99999999999999999999999",
          "0000-01-01",
          "9999-12-31",
          "0000-01-01T00:00:00Z",
          "9999-12-31T23:59:59Z",
          "2026-02-30",
        ),
        fc.constantFrom(
          "1",
          "-1",
          "0",
          "10000000000",
          "2026-01-01T00:00:00Z",
          "pass",
          "5.36.0",
          "1-10",
          "-",
          "",
          "a-b",
        ),
        oddString.map((s) => encode(s.slice(0, 300))),
        fc.constantFrom("%", "%ZZ", "%ff"),
      ),
    ),
    { maxLength: 4 },
  )
  .map((pairs) => (pairs.length ? `?${pairs.map(([k, v]) => `${k}=${v}`).join("&")}` : ""));

const V3_PATHS = [
  "/v3",
  "/v3/summary",
  "/v3/summary/{}",
  "/v3/summary/{}/{}",
  "/v3/release",
  "/v3/release/dist/{}",
  "/v3/release/dist/{}/{}",
  "/v3/release/author/{}",
  "/v3/upload",
  "/v3/upload/dist/{}",
  "/v3/upload/author/{}",
  "/v3/report/{}",
  "/v3/{}",
  "/v1",
  "/v1/release",
  "/v1/release/dist/{}",
  "/v1/release/author/{}",
  "/v1/upload/dist/{}",
  "/v1/upload/author/{}",
  "/v1/{}/{}",
];

const LEGACY_PATHS = [
  "/show/{}.json",
  "/distro/{}/{}.json",
  "/author/{}.json",
  "/author/{}-nopass.json",
  "/author/{}/{}.json",
  "/show/{}.html",
  "/cgi-bin/reports-metadata.cgi",
  "/tail/log.txt",
];

const METABASE_PATHS = ["/api/v1/guid/{}"];

function filled(templates: string[]): fc.Arbitrary<string> {
  return fc
    .tuple(fc.constantFrom(...templates), segment, segment, query)
    .map(([template, a, b, q]) => template.replace("{}", a).replace("{}", b) + q);
}

const json = (value: unknown): string | undefined => JSON.stringify(value);

/** Every kind of input, over the schema the platform answers with. */
export function fuzzInputs(schema: SchemaInfo): fc.Arbitrary<FuzzInput> {
  const post = (kind: FuzzKind, protocol: Protocol, path: string, submission: boolean) => ({
    kind,
    protocol,
    method: "POST" as const,
    path,
    submission,
  });
  const graphql = graphqlBody(schema);
  return fc.oneof(
    fc
      .record({ body: mutated(validV3).map(json), contentType, auth })
      .map((r) => ({ ...post("v3 report", "v3", V3_REPORT, true), ...r })),
    fc
      .record({ body: brokenJson(validV3), contentType, auth })
      .map((r) => ({ ...post("v3 report bytes", "v3", V3_REPORT, true), ...r })),
    fc
      .record({ body: fc.oneof(mutated(validFact), mutated(misencodedFact)).map(json), contentType, auth })
      .map((r) => ({ ...post("metabase submit", "metabase", METABASE_SUBMIT, true), ...r })),
    fc
      .record({ body: brokenJson(validFact), contentType, auth })
      .map((r) => ({ ...post("metabase submit bytes", "metabase", METABASE_SUBMIT, true), ...r })),
    fc
      .record({ body: fc.oneof(mutated(validRegistration).map(json), brokenJson(validRegistration)), contentType })
      .map((r) => ({ ...post("register", "metabase", "/api/v1/register", false), auth: "none" as const, ...r })),
    fc
      .record({ body: graphql.map(json), contentType, auth })
      .map((r) => ({ ...post("graphql", "graphql", "/graphql", false), ...r })),
    fc
      .record({ body: brokenJson(graphql), contentType, auth })
      .map((r) => ({ ...post("graphql bytes", "graphql", "/graphql", false), ...r })),
    // Node refuses URLs past its 16 KiB header limit before any route sees them.
    graphql
      .map((body): FuzzInput => ({
        kind: "graphql GET",
        protocol: "graphql",
        method: "GET",
        path: `/graphql?${new URLSearchParams(
          Object.entries(body && typeof body === "object" ? body : { query: body }).map(([k, v]): [string, string] => [
            k,
            typeof v === "string" ? v : (JSON.stringify(v) ?? ""),
          ]),
        ).toString()}`,
        auth: "none",
        submission: false,
      }))
      .filter(({ path }) => path.length < 8_000),
    filled(V3_PATHS).map((path): FuzzInput => ({
      kind: "rest GET",
      protocol: "v3",
      method: "GET",
      path,
      auth: "none",
      submission: false,
    })),
    fc.oneof(filled(LEGACY_PATHS), filled(METABASE_PATHS)).map((path): FuzzInput => ({
      kind: "legacy GET",
      protocol: path.startsWith("/api/v1") ? "metabase" : "legacy",
      method: "GET",
      path,
      auth: "none",
      submission: false,
    })),
  );
}
