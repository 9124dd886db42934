import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reports } from "../src/db/schema/index.js";
import { loadFixture } from "./fixtures/index.js";
import { testBackends } from "./helpers/database.js";
import { perlClientBytes } from "./helpers/perl-client.js";
import { asciiJson, rawConnection } from "./helpers/raw-http.js";
import { startTestPlatform, type TestPlatform } from "./helpers/server.js";
import { waitFor } from "./helpers/wait.js";

// The profile of test/fixtures/metabase-register.json, which made the submission fixtures.
const PROFILE = "7d3c2a10-6f1e-11df-8b2e-2b7c4f9a1d05";
const SECRET = "5f0c9e7a1b3d48c2a6e4f1d7b9c3a0e8";
const REPORT = "3e8a4b52-7794-11df-a5c3-6d1f2e8b9c40";

describe.each(testBackends())("the Perl Metabase client on the wire, on $name", (backend) => {
  let platform: TestPlatform;
  beforeAll(async () => (platform = await startTestPlatform(backend)));
  afterAll(() => platform.stop());

  const submission = (order?: readonly string[]) =>
    perlClientBytes(platform.url, {
      method: "POST",
      path: "/api/v1/submit/CPAN-Testers-Report",
      body: asciiJson(loadFixture("metabase-submit-linux-pass")),
      credentials: { user: PROFILE, secret: SECRET },
      ...(order ? { order } : {}),
    });

  it("registers on a 401 and submits, on one kept-alive connection, as submit_fact does", async () => {
    const connection = await rawConnection(platform.url);
    try {
      const refused = await connection.send(submission());
      expect(refused.status).toBe(401);
      // Exactly application/json, or the client prints the status line instead of the reason.
      expect(refused.headers["content-type"]).toBe("application/json");
      expect(JSON.parse(refused.body)).toEqual({ error: `User ${PROFILE} unrecognized` });

      const lookup = await connection.send(
        perlClientBytes(platform.url, { method: "HEAD", path: `/api/v1/guid/${PROFILE}` }),
        { head: true },
      );
      expect(lookup.status).toBe(404);

      const registered = await connection.send(
        perlClientBytes(platform.url, {
          method: "POST",
          path: "/api/v1/register",
          body: asciiJson(loadFixture("metabase-register")),
        }),
      );
      expect({ status: registered.status, body: JSON.parse(registered.body) as unknown }).toEqual({
        status: 200,
        body: { message: "accepted" },
      });

      const accepted = await connection.send(submission());
      expect(accepted.status).toBe(201);
      expect(JSON.parse(accepted.body)).toEqual({ guid: REPORT });
      expect(accepted.headers.location).toBe(`/api/v1/guid/${REPORT}`);
      expect(connection.closed).toBe(false);
    } finally {
      connection.close();
    }
    const stored = await platform.processedReport(REPORT);
    expect(stored.id).toBe(REPORT);
  });

  it("answers a duplicate submission, headers in another hash order, with 201 and counts it once", async () => {
    const connection = await rawConnection(platform.url);
    try {
      const again = await connection.send(
        submission(["Authorization", "Content-Length", "Accept", "Content-Type", "User-Agent", "Content_Type"]),
      );
      expect(again.status).toBe(201);
      expect(JSON.parse(again.body)).toEqual({ guid: REPORT });
      expect(again.headers.location).toBe(`/api/v1/guid/${REPORT}`);
      const found = await connection.send(
        perlClientBytes(platform.url, { method: "HEAD", path: `/api/v1/guid/${PROFILE}` }),
        { head: true },
      );
      expect(found.status).toBe(200);
    } finally {
      connection.close();
    }
    await platform.processedReport(REPORT);
    const rows = await waitFor(async () => {
      const all = await platform.database.db.select().from(reports);
      return all.length > 0 ? all : undefined;
    }, "the report");
    expect(rows.map((row) => [row.guid, row.dist, row.version, row.grade])).toEqual([
      [REPORT, "Text-Quillwork", "0.42", "pass"],
    ]);
  });

  it("refuses a body that is not JSON, and reads an unlabelled one as JSON", async () => {
    const connection = await rawConnection(platform.url);
    try {
      const bytes = perlClientBytes(platform.url, {
        method: "POST",
        path: "/api/v1/submit/CPAN-Testers-Report",
        body: "not json",
        credentials: { user: PROFILE, secret: SECRET },
      });
      const response = await connection.send(bytes);
      expect(response.status).toBe(400);
      expect(JSON.parse(response.body)).toMatchObject({
        error: expect.stringMatching(/^expected a JSON body/) as unknown,
      });
    } finally {
      connection.close();
    }
    // Nor does a missing label matter: the body is JSON all the same.
    const another = await rawConnection(platform.url);
    try {
      const unlabelled = await another.send(submission(["User-Agent", "Accept", "Content-Length", "Authorization"]));
      expect({ status: unlabelled.status, body: JSON.parse(unlabelled.body) as unknown }).toEqual({
        status: 201,
        body: { guid: REPORT },
      });
    } finally {
      another.close();
    }
  });
});
