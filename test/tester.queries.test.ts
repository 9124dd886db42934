import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createApiToken,
  findTokenHolder,
  registerTester,
  revokeApiToken,
  verifyTesterSecret,
} from "../src/db/queries/tester.queries.js";
import { testers } from "../src/db/schema/index.js";
import { createTestDatabase, type TestDatabase, testBackends } from "./helpers/database.js";

const profile = { id: "3a9bd6b2-2aae-11df-837a-5e0a49663a4f", fullName: "Ada Tester", email: "ada@example.org" };

describe.each(testBackends())("testers and tokens on $name", (backend) => {
  let test: TestDatabase;
  beforeAll(async () => {
    test = await createTestDatabase(backend);
    await registerTester(test.database.db, profile, "s3cret-from-metabase-profile");
  });
  afterAll(() => test.drop());

  it("verifies a Metabase secret and stores only its hash", async () => {
    const { db } = test.database;
    expect(await verifyTesterSecret(db, profile.id, "s3cret-from-metabase-profile")).toMatchObject(profile);
    expect(await verifyTesterSecret(db, profile.id, "wrong")).toBeUndefined();
    expect(await verifyTesterSecret(db, "00000000-0000-0000-0000-000000000000", "x")).toBeUndefined();
    const [row] = await db.select().from(testers);
    expect(row?.secretHash).toMatch(/^[0-9a-f]{64}$/);
    expect(row?.secretHash).not.toContain("s3cret");
  });

  it("keeps the first registration when a profile registers again", async () => {
    await registerTester(test.database.db, { ...profile, fullName: "Someone Else" }, "other");
    expect(await verifyTesterSecret(test.database.db, profile.id, "s3cret-from-metabase-profile")).toMatchObject({
      fullName: "Ada Tester",
    });
  });

  it("issues tokens with scopes, finds their holder, and revokes them", async () => {
    const { db } = test.database;
    const token = await createApiToken(db, profile.id, "smoker on box 3", ["report:submit", "upload:write"]);
    expect(token).toMatch(/^cpt_[A-Za-z0-9_-]{43}$/);
    expect(await findTokenHolder(db, token)).toEqual({
      tester: expect.objectContaining(profile) as unknown,
      scopes: ["report:submit", "upload:write"],
    });
    expect(await revokeApiToken(db, token)).toBe(true);
    expect(await revokeApiToken(db, token)).toBe(false);
    expect(await findTokenHolder(db, token)).toBeUndefined();
    expect(await findTokenHolder(db, "cpt_unknown")).toBeUndefined();
  });
});
