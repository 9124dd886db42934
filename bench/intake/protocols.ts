import type { GeneratedReport } from "../generate/report.generate.js";
import { metabaseSubmission } from "../generate/metabase.generate.js";
import { BENCH_TESTER, type IntakeProtocol } from "./http-intake.js";

const GUID = "00000000-0000-4000-8000-0000beefcafe";

/** v3 JSON with a bearer token; without id and created, so the server gives every POST a new id. */
export function v3Protocol(reports: readonly GeneratedReport[]): IntakeProtocol {
  return {
    name: "POST /v3/report",
    path: "/v3/report",
    headers: (token) => ({ "content-type": "application/json", authorization: `Bearer ${token}` }),
    bodies: reports.map(({ document }) => {
      const { metabase: _metabase, created: _created, id: _id, ...body } = document;
      return JSON.stringify(body);
    }),
  };
}

/**
 * What CPAN::Reporter sends: the Metabase report fact with Basic credentials. A Metabase report
 * names its own GUID, and a known GUID is a retry that stores nothing, so each request gets a
 * fresh one in place of a placeholder.
 */
export function metabaseProtocol(reports: readonly GeneratedReport[]): IntakeProtocol {
  const basic = Buffer.from(`${BENCH_TESTER.id}:${BENCH_TESTER.secret}`).toString("base64");
  return {
    name: "POST /api/v1/submit/CPAN-Testers-Report",
    path: "/api/v1/submit/CPAN-Testers-Report",
    headers: () => ({
      "content-type": "application/json",
      accept: "application/json",
      authorization: `Basic ${basic}`,
    }),
    bodies: reports.map((report) => {
      const fact = metabaseSubmission(report);
      fact.metadata.core.guid = GUID;
      fact.metadata.core.creator = `metabase:user:${BENCH_TESTER.id}`;
      return JSON.stringify(fact);
    }),
    uniqueToken: GUID,
  };
}
