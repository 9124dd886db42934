import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { releases, reports, testers, uploads } from "../src/db/schema/index.js";
import { verifyDerivedCounts } from "../src/db/queries/derived.queries.js";
import { loadFixture } from "./fixtures/index.js";
import { testBackends } from "./helpers/database.js";
import { asciiJson, rawRequest } from "./helpers/raw-http.js";
import { startTestPlatform, type TestPlatform } from "./helpers/server.js";
import { waitFor } from "./helpers/wait.js";

// The profile of test/fixtures/metabase-register.json, which made the submission fixtures.
const PROFILE = "7d3c2a10-6f1e-11df-8b2e-2b7c4f9a1d05";
const SECRET = "5f0c9e7a1b3d48c2a6e4f1d7b9c3a0e8";

/** A request as Metabase::Client::Simple (over HTTP::Tiny) writes it. */
function perlClientRequest(url: string, method: string, path: string, body?: string, secret = SECRET): string {
  const { host } = new URL(url);
  const lines = [
    `${method} ${path} HTTP/1.1`,
    `Host: ${host}`,
    "Connection: close",
    "User-Agent: Metabase::Client::Simple/0.012 HTTP-Tiny/0.076",
  ];
  if (body !== undefined) {
    lines.push(
      "Content-Type: application/json",
      "Accept: application/json",
      `Authorization: Basic ${Buffer.from(`${PROFILE}:${secret}`).toString("base64")}`,
      `Content-Length: ${Buffer.byteLength(body)}`,
    );
  }
  return `${lines.join("\r\n")}\r\n\r\n${body ?? ""}`;
}

describe.each(testBackends())("Metabase protocol on $name", (backend) => {
  let platform: TestPlatform;
  beforeAll(async () => (platform = await startTestPlatform(backend)));
  afterAll(() => platform.stop());

  const submit = (fixture: Parameters<typeof loadFixture>[0], secret?: string) =>
    rawRequest(
      platform.url,
      perlClientRequest(
        platform.url,
        "POST",
        "/api/v1/submit/CPAN-Testers-Report",
        asciiJson(loadFixture(fixture)),
        secret,
      ),
    );

  it("walks an unregistered client through 401, HEAD guid, register and a successful retry", async () => {
    const refused = await submit("metabase-submit-linux-pass");
    expect(refused.status).toBe(401);
    expect(JSON.parse(refused.body)).toEqual({ error: `User ${PROFILE} unrecognized` });

    const lookup = await rawRequest(platform.url, perlClientRequest(platform.url, "HEAD", `/api/v1/guid/${PROFILE}`));
    expect(lookup.status).toBe(404);

    const registration = asciiJson(loadFixture("metabase-register"));
    const registered = await rawRequest(
      platform.url,
      perlClientRequest(platform.url, "POST", "/api/v1/register", registration),
    );
    expect(registered.status).toBe(200);
    expect(JSON.parse(registered.body)).toEqual({ message: "accepted" });

    const accepted = await submit("metabase-submit-linux-pass");
    expect(accepted.status).toBe(201);
    expect(JSON.parse(accepted.body)).toEqual({ guid: "3e8a4b52-7794-11df-a5c3-6d1f2e8b9c40" });
    expect(accepted.headers.location).toBe("/api/v1/guid/3e8a4b52-7794-11df-a5c3-6d1f2e8b9c40");

    const [tester] = await platform.database.db.select().from(testers);
    expect(tester).toMatchObject({
      id: PROFILE,
      fullName: "Zoë Testwright (ZTEST)",
      email: "zoe.testwright@example.com",
    });
    const found = await rawRequest(platform.url, perlClientRequest(platform.url, "HEAD", `/api/v1/guid/${PROFILE}`));
    expect(found.status).toBe(200);
  });

  it("counts every fixture once, with the author from the distfile, and answers a resubmission with 201", async () => {
    for (const fixture of [
      "metabase-submit-openbsd-fail",
      "metabase-submit-mswin32-na",
      "metabase-submit-openbsd-fail",
    ] as const) {
      expect((await submit(fixture)).status).toBe(201);
    }
    const rows = await waitFor(async () => {
      const all = await platform.database.db.select().from(reports).orderBy(reports.id);
      return all.length === 3 ? all : undefined;
    }, "three reports");
    const tester = "Zoë Testwright (ZTEST) <zoe.testwright@example.com>";
    expect(rows.map((r) => [r.dist, r.grade, r.perl, r.tester])).toEqual([
      ["Text-Quillwork", "pass", "5.10.1", tester],
      ["Net-Pigeonhole", "fail", "5.13.3", tester],
      ["Acme-Sprocket-Frobnicate", "na", "5.12.1", tester],
    ]);
    const authors = await platform.database.db
      .select({ dist: uploads.dist, author: uploads.author, provisional: uploads.provisional })
      .from(uploads)
      .orderBy(uploads.dist);
    expect(authors).toEqual([
      { dist: "Acme-Sprocket-Frobnicate", author: "FPELLETIER", provisional: true },
      { dist: "Net-Pigeonhole", author: "HVOSS", provisional: true },
      { dist: "Text-Quillwork", author: "MKOWALSKI", provisional: true },
    ]);
    expect(
      await platform.database.db
        .select()
        .from(releases)
        .where(sql`fail > 0`),
    ).toHaveLength(1);
    expect(await verifyDerivedCounts(platform.database.db)).toEqual([]);
    const report = await rawRequest(
      platform.url,
      perlClientRequest(platform.url, "GET", `/api/v1/guid/${rows[0]?.guid}`),
    );
    expect(JSON.parse(report.body)).toEqual({ guid: rows[0]?.guid, type: "CPAN-Testers-Report" });
  });

  it("refuses a wrong secret, and a registration that would replace one", async () => {
    const wrong = await submit("metabase-submit-linux-pass", "guessed");
    expect({ status: wrong.status, body: JSON.parse(wrong.body) as unknown }).toEqual({
      status: 401,
      body: { error: `wrong secret for user ${PROFILE}: check your metabase_id.json` },
    });
    const hijack = loadFixture("metabase-register") as { content: string }[];
    (hijack[1] as { content: string }).content = "another secret";
    const response = await rawRequest(
      platform.url,
      perlClientRequest(platform.url, "POST", "/api/v1/register", asciiJson(hijack)),
    );
    expect(response.status).toBe(409);
    expect(JSON.parse(response.body)).toEqual({
      error: `profile ${PROFILE} is already registered with another secret`,
    });
  });

  it("answers a malformed fact with 400 and what is wrong, as {error}", async () => {
    const fact = loadFixture("metabase-submit-linux-pass") as { content: string };
    fact.content = "not json";
    const response = await rawRequest(
      platform.url,
      perlClientRequest(platform.url, "POST", "/api/v1/submit/CPAN-Testers-Report", asciiJson(fact)),
    );
    expect(response.status).toBe(400);
    expect(JSON.parse(response.body)).toMatchObject({
      error: expect.stringMatching(/^invalid report: \/content: /) as unknown,
    });
  });
});
