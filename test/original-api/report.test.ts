import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testerWithToken } from "../factories/report.factory.js";
import { loadFixture } from "../fixtures/index.js";
import { testBackends } from "../helpers/database.js";
import { startTestPlatform, type TestPlatform } from "../helpers/server.js";
import { statusAndBody } from "./http.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe("cpantesters-api t/controller/report.t", () => {
  describe.each(testBackends())("on $name", (backend) => {
    let platform: TestPlatform;
    let token: string;
    let posted: { id: string; document: Record<string, unknown> } | undefined;
    beforeAll(async () => {
      platform = await startTestPlatform(backend, { etl: false });
      token = await testerWithToken(platform.database.db);
    });
    afterAll(() => platform.stop());

    // The original took reports from anyone; ours need a token with the report scope (docs/API.md).
    it("report.t 'post valid report': 201 with the new report's id", async () => {
      const document = loadFixture("v3-perl5-valid") as Record<string, unknown>;
      const response = await platform.submitReport(document, token);
      expect(response.status).toBe(201);
      const body = (await response.json()) as { id: string };
      expect(body).toEqual({ id: expect.stringMatching(UUID) as unknown });
      posted = { id: body.id, document };
    });

    // The original named the body parameter in the path (/report/...) and quoted JSON::Validator;
    // ours points into the document itself and says what the pattern is (docs/API.md).
    it("report.t 'invalid report: version number starts with v': 400 pointing at the version", async () => {
      const response = await platform.submitReport(loadFixture("v3-perl5-invalid-version-v"), token);
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({
        errors: [
          { path: "/environment/language/version", message: 'must match pattern "^5\\.\\d+\\.\\d+", got "v5.26.3"' },
        ],
      });
    });

    // The original's latest code fills in id and created when the stored report lacks them.
    it("report.t 'get report': the report as posted, with its id and creation time", async () => {
      const { status, body } = await statusAndBody(`${platform.url}/v3/report/${posted!.id}`);
      expect(status).toBe(200);
      expect(body).toEqual({
        ...posted!.document,
        id: posted!.id,
        created: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/) as unknown,
      });
    });

    it("report.t 'get report' / 'error: report not found': 404 Report ID not found at /id", async () => {
      expect(await statusAndBody(`${platform.url}/v3/report/0b6bd4a2-6a27-4f0e-9d2c-000000000000`)).toEqual({
        status: 404,
        body: { errors: [{ message: "Report ID not found", path: "/id" }] },
      });
      // The original's own example id is no UUID: ours says so with a 400 (docs/API.md).
      expect(await statusAndBody(`${platform.url}/v3/report/XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX`)).toEqual({
        status: 400,
        body: {
          errors: [
            { message: 'id must be a report GUID (a UUID), got "XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX"', path: "/id" },
          ],
        },
      });
    });
  });
});
