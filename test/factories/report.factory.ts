import { randomUUID } from "node:crypto";
import type { Db } from "../../src/db/client.js";
import { createApiToken, registerTester } from "../../src/db/queries/tester.queries.js";
import { reportDocuments, type TokenScope } from "../../src/db/schema/index.js";
import { contentHash, type Grade, type ReportDocument } from "../../src/report/index.js";

export interface ReportSpec {
  dist?: string;
  version?: string;
  grade?: Grade;
  perl?: string;
  osname?: string;
  archname?: string;
  email?: string;
  created?: string;
  /** A Metabase resource, which gives the report an author. */
  resource?: string;
  language?: "Perl 5" | "Perl 6";
}

/** A small but complete v3 report document; every field can be chosen, the rest are plausible. */
export function v3Report(spec: ReportSpec = {}): ReportDocument {
  const dist = spec.dist ?? "Foo-Bar";
  const version = spec.version ?? "1.00";
  return {
    id: randomUUID(),
    created: spec.created ?? "2026-03-01T12:00:00.000Z",
    reporter: { name: "Ada Tester", email: spec.email ?? "ada@example.org" },
    environment: {
      language: {
        name: spec.language ?? "Perl 5",
        version: spec.perl ?? "5.36.0",
        archname: spec.archname ?? "x86_64-linux",
      },
      system: { osname: spec.osname ?? "linux", osversion: "6.1.0" },
    },
    distribution: { name: dist, version },
    result: {
      grade: spec.grade ?? "pass",
      output: { test: `t/basic.t .. ok\nAll tests successful.\nResult: ${(spec.grade ?? "pass").toUpperCase()}\n` },
    },
    ...(spec.resource ? { metabase: { resource: spec.resource, creator: "metabase:user:x" } } : {}),
  };
}

/** Stores documents straight into the queue, as intake would, and returns their ids. */
export async function queueReports(
  db: Db,
  documents: ReportDocument[],
  /** The registered tester who submitted them; anonymous when absent. */
  testerId: string | null = null,
): Promise<string[]> {
  await db.insert(reportDocuments).values(
    documents.map((document) => ({
      id: document.id,
      source: "v3",
      testerId,
      document,
      contentHash: contentHash(document),
    })),
  );
  return documents.map((document) => document.id);
}

export const TESTER = { id: "3a9bd6b2-2aae-11df-837a-5e0a49663a4f", fullName: "Ada Tester", email: "ada@example.org" };

/** A registered tester with an API token. */
export async function testerWithToken(db: Db, scopes?: TokenScope[], tester = TESTER): Promise<string> {
  await registerTester(db, tester, "metabase-secret");
  return createApiToken(db, tester.id, "test", scopes);
}
