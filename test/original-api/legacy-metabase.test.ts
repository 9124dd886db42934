import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildRegistration, buildReportFact } from "../../src/report/metabase.build.js";
import { FACT_TYPES } from "../../src/report/metabase.fact.js";
import { testBackends } from "../helpers/database.js";
import { startTestPlatform, type TestPlatform } from "../helpers/server.js";
import { getJson } from "./http.js";

// The original's test in our words: Doug Bell submits a report of PREACTION/Foo-Bar-1.24.
const USER = "6a1f3c2e-2b4d-11e7-9a10-4d2f1b8c7e01";
const SECRET = "SECRET";
const REPORT = "6a1f9e40-2b4d-11e7-9a10-4d2f1b8c7e01";
const CREATED = "2017-05-02T10:20:30Z";
const creator = `metabase:user:${USER}`;
const stamp = { resource: "cpan:///distfile/PREACTION/Foo-Bar-1.24.tar.gz", creator, creationTime: CREATED };
const legacy = {
  grade: "pass",
  osname: "linux",
  osversion: "2.14.4",
  archname: "x86_64-linux",
  perl_version: "5.12.0",
  textreport: "Test output",
};
const { textreport: _text, ...summary } = legacy;
const fact = buildReportFact(REPORT, stamp, [
  { type: FACT_TYPES.legacyReport, guid: "6a1fa1b0-2b4d-11e7-9a10-4d2f1b8c7e01", content: legacy },
  { type: FACT_TYPES.testSummary, guid: "6a1fa4d0-2b4d-11e7-9a10-4d2f1b8c7e01", content: summary },
]);
const [profile, secret] = buildRegistration({
  guid: USER,
  fullName: "Doug Bell",
  email: "doug@preaction.me",
  secret: SECRET,
  creationTime: CREATED,
  factGuids: {
    fullName: "6a1f4e00-2b4d-11e7-9a10-4d2f1b8c7e01",
    email: "6a1f5f80-2b4d-11e7-9a10-4d2f1b8c7e01",
    secret: "6a1f6f20-2b4d-11e7-9a10-4d2f1b8c7e01",
  },
});

describe("cpantesters-api t/legacy/metabase.t", () => {
  describe.each(testBackends())("on $name", (backend) => {
    let platform: TestPlatform;
    beforeAll(async () => (platform = await startTestPlatform(backend)));
    afterAll(() => platform.stop());

    // As Test::Mojo posts `json => ...`: labelled application/json.
    const post = (path: string, body: unknown, authorization?: string) =>
      getJson(`${platform.url}/api/v1${path}`, {
        method: "POST",
        headers: { "content-type": "application/json", ...(authorization ? { authorization } : {}) },
        body: JSON.stringify(body),
      });
    const auth = `Basic ${Buffer.from(`${USER}:${SECRET}`).toString("base64")}`;

    it("metabase.t 'post report' / 'user auth fails': 401 for an unknown user", async () => {
      const { status, body } = await post("/submit/CPAN-Testers-Report", fact, auth);
      expect({ status, body }).toEqual({ status: 401, body: { error: `User ${USER} unrecognized` } });
    });

    it("metabase.t 'post report' / 'check if user exists': HEAD guid is 404", async () => {
      const response = await fetch(`${platform.url}/api/v1/guid/${REPORT}`, { method: "HEAD" });
      expect(response.status).toBe(404);
    });

    // The original registered a profile without a secret, since it never checked one; we check
    // secrets, so a registration carries its secret as the real client sends it (docs/API.md).
    it("metabase.t 'post report' / 'create user': 200 accepted", async () => {
      const alone = await post("/register", profile);
      expect(alone.status).toBe(400);
      const { status, body } = await post("/register", [profile, secret]);
      expect({ status, body }).toEqual({ status: 200, body: { message: "accepted" } });
    });

    it("metabase.t 'post report' / 'retry post': 201, Location, the guid, and the report as stored", async () => {
      const { status, headers, body } = await post("/submit/CPAN-Testers-Report", fact, auth);
      expect({ status, body, location: headers.get("location") }).toEqual({
        status: 201,
        body: { guid: REPORT },
        location: `/api/v1/guid/${REPORT}`,
      });
      await platform.processedReport(REPORT);
      const stored = await getJson(`${platform.url}/v3/report/${REPORT}`);
      expect(stored.status).toBe(200);
      expect(stored.body).toMatchObject({
        created: CREATED,
        reporter: { name: "Doug Bell", email: "doug@preaction.me" },
        result: { grade: "pass", output: { uncategorized: "Test output" } },
        distribution: { name: "Foo-Bar", version: "1.24" },
        environment: {
          system: { osname: "linux", osversion: "2.14.4" },
          language: { name: "Perl 5", version: "5.12.0", archname: "x86_64-linux" },
        },
      });
    });
  });
});
