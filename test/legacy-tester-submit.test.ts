import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importTesters } from "../src/db/queries/legacy-import.queries.js";
import { reports, testers } from "../src/db/schema/index.js";
import { loadFixture } from "./fixtures/index.js";
import { testBackends } from "./helpers/database.js";
import { perlClientBytes } from "./helpers/perl-client.js";
import { asciiJson, type RawConnection, rawConnection } from "./helpers/raw-http.js";
import { startTestPlatform, type TestPlatform } from "./helpers/server.js";
import { waitFor } from "./helpers/wait.js";

// The profile that made the submission fixtures, imported from the original as import:legacy
// imports metabase_user: its GUID, name and address, and no secret (the original had none to give).
const PROFILE = "7d3c2a10-6f1e-11df-8b2e-2b7c4f9a1d05";
const SECRET = "5f0c9e7a1b3d48c2a6e4f1d7b9c3a0e8";
const REPORT = "3e8a4b52-7794-11df-a5c3-6d1f2e8b9c40";

describe.each(testBackends())("an imported Metabase profile submits, on $name", (backend) => {
  let platform: TestPlatform;
  beforeAll(async () => {
    platform = await startTestPlatform(backend);
    await importTesters(platform.database.db, [
      { id: PROFILE, fullName: "Zoë Testwright (ZTEST)", email: "zoe.testwright@example.com" },
    ]);
  });
  afterAll(() => platform.stop());

  // One kept-alive connection, as the client (HTTP::Tiny) holds it.
  let connection: RawConnection;
  beforeAll(async () => (connection = await rawConnection(platform.url)));
  afterAll(() => connection.close());

  const submit = (fixture: "metabase-submit-linux-pass" | "metabase-submit-openbsd-fail", secret: string) =>
    connection.send(
      perlClientBytes(platform.url, {
        method: "POST",
        path: "/api/v1/submit/CPAN-Testers-Report",
        body: asciiJson(loadFixture(fixture)),
        credentials: { user: PROFILE, secret },
      }),
    );
  const secretOf = async () =>
    (
      await platform.database.db.select({ secretHash: testers.secretHash }).from(testers).where(eq(testers.id, PROFILE))
    )[0]?.secretHash;

  it("is known to the client, its first submission sets the secret, another secret is refused after", async () => {
    // The client asks whether its profile exists before registering: an imported one does.
    const lookup = await connection.send(
      perlClientBytes(platform.url, { method: "HEAD", path: `/api/v1/guid/${PROFILE}` }),
      { head: true },
    );
    expect(lookup.status).toBe(200);
    expect(await secretOf()).toBeNull();

    const first = await submit("metabase-submit-linux-pass", SECRET);
    expect({ status: first.status, body: JSON.parse(first.body) as unknown }).toEqual({
      status: 201,
      body: { guid: REPORT },
    });
    expect(await secretOf()).toEqual(expect.any(String));
    const counted = await waitFor(async () => {
      const [row] = await platform.database.db.select().from(reports).where(eq(reports.guid, REPORT));
      return row;
    }, "the imported tester's report counted");
    expect({ tester: counted.tester, grade: counted.grade }).toEqual({
      tester: "Zoë Testwright (ZTEST) <zoe.testwright@example.com>",
      grade: "pass",
    });

    // The secret is now the tester's, as registration would have made it: another one is refused.
    const intruder = await submit("metabase-submit-openbsd-fail", "not-the-first-secret");
    expect({ status: intruder.status, body: JSON.parse(intruder.body) as unknown }).toEqual({
      status: 401,
      body: { error: `wrong secret for user ${PROFILE}: check your metabase_id.json` },
    });
    const again = await submit("metabase-submit-openbsd-fail", SECRET);
    expect(again.status).toBe(201);
  });
});
