import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TokenScope } from "../src/db/schema/index.js";
import { testerWithToken, v3Report } from "./factories/report.factory.js";
import { testBackends } from "./helpers/database.js";
import { type GraphQLResponse, startTestPlatform, type TestPlatform } from "./helpers/server.js";

const ADMIN = { id: "7f0c4c2e-5a51-4d0e-9a57-1b9f3a0e2d11", fullName: "Olga Operator", email: "olga@example.org" };
const SMOKER = { id: "0d9e3b0a-8c7e-4f5a-bb61-2c4d5e6f7a81", fullName: "Sam Smoker", email: "sam@example.org" };

describe.each(testBackends())("operations console on $name", (backend) => {
  let platform: TestPlatform;
  let admin: string;
  let smoker: string;
  const ask = async <Result>(token: string, query: string, variables: Record<string, unknown> = {}) => {
    const response = await fetch(`${platform.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphQLResponse<Result>;
  };

  beforeAll(async () => {
    platform = await startTestPlatform(backend);
    admin = await testerWithToken(platform.database.db, [TokenScope.admin], ADMIN);
    smoker = await testerWithToken(platform.database.db, [TokenScope.submitReports], SMOKER);
  });
  afterAll(() => platform.stop());

  it("refuses every admin operation to a token without the admin scope", async () => {
    const result = await ask(smoker, "{ etlStatus { pending } }");
    expect(result.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const anonymous = await platform.graphql("mutation { retryFailedDocuments }");
    expect(anonymous.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("shows the queue and verifies the derived counts", async () => {
    const report = v3Report({ dist: "Admin-Seen", version: "1.0" });
    expect((await platform.submitReport(report, smoker)).status).toBe(201);
    await platform.processedReport(report.id);
    const status = await ask<{ etlStatus: { pending: number; failed: number; failures: unknown[] } }>(
      admin,
      "{ etlStatus(failuresShown: 5) { pending failed oldestPendingAt failures { id error } } }",
    );
    expect(status.errors).toBeUndefined();
    expect(status.data?.etlStatus).toMatchObject({ pending: 0, failed: 0, failures: [] });
    const verified = await ask<{ verifyDerivedCounts: unknown[] }>(admin, "{ verifyDerivedCounts { table key } }");
    expect(verified.data?.verifyDerivedCounts).toEqual([]);
    expect((await ask<{ retryFailedDocuments: number }>(admin, "mutation { retryFailedDocuments }")).data).toEqual({
      retryFailedDocuments: 0,
    });
  });

  it("guards a rebuild with its confirmation", async () => {
    const refused = await ask(admin, 'mutation { rebuildDerivedTables(confirm: "yes") }');
    expect(refused.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(refused.errors?.[0]?.message).toContain("rebuild every derived table");
  });

  it("issues a token, blocks its tester (the token is refused), unblocks, and revokes it", async () => {
    const issued = await ask<{ issueToken: { token: string; scopes: string[] } }>(
      admin,
      'mutation($id: String!) { issueToken(testerId: $id, label: "box 7") { token scopes } }',
      { id: SMOKER.id },
    );
    expect(issued.data?.issueToken.scopes).toEqual([TokenScope.submitReports]);
    const token = issued.data?.issueToken.token ?? "";
    expect((await platform.submitReport(v3Report(), token)).status).toBe(201);

    const blocked = await ask<{ blockTester: { blockedAt: string | null } }>(
      admin,
      "mutation($id: String!) { blockTester(testerId: $id) { blockedAt } }",
      { id: SMOKER.id },
    );
    expect(blocked.data?.blockTester.blockedAt).not.toBeNull();
    // A fresh token of a blocked tester was never cached: refused at once.
    const fresh = await ask<{ issueToken: { token: string } }>(
      admin,
      'mutation($id: String!) { issueToken(testerId: $id, label: "after") { token } }',
      { id: SMOKER.id },
    );
    expect((await platform.submitReport(v3Report(), fresh.data?.issueToken.token ?? "")).status).toBe(401);
    await ask(admin, "mutation($id: String!) { blockTester(testerId: $id, blocked: false) { blockedAt } }", {
      id: SMOKER.id,
    });

    const listed = await ask<{
      testers: {
        email: string;
        blockedAt: string | null;
        tokens: { tokenHash: string; label: string; revokedAt: string | null }[];
      }[];
    }>(admin, '{ testers(email: "SAM@example.org") { email blockedAt tokens { tokenHash label revokedAt } } }');
    const [sam] = listed.data?.testers ?? [];
    expect(sam?.blockedAt).toBeNull();
    const box7 = sam?.tokens.find((t) => t.label === "box 7");
    expect(box7?.revokedAt).toBeNull();
    const revoked = await ask<{ revokeToken: boolean }>(admin, "mutation($h: String!) { revokeToken(tokenHash: $h) }", {
      h: box7?.tokenHash,
    });
    expect(revoked.data?.revokeToken).toBe(true);
    const again = await ask<{ revokeToken: boolean }>(admin, "mutation($h: String!) { revokeToken(tokenHash: $h) }", {
      h: box7?.tokenHash,
    });
    expect(again.data?.revokeToken).toBe(false);
  });
});
