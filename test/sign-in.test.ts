import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { memoryRateCounter } from "../src/auth/rate.counter.js";
import { RateLimiter } from "../src/auth/rate.limiter.js";
import { type SignInMail, SignInService } from "../src/auth/sign-in.js";
import { uploads } from "../src/db/schema/index.js";
import { ACCOUNT_DEFAULTS } from "../src/config.js";
import { testerWithToken, TESTER } from "./factories/report.factory.js";
import { createTestDatabase, type TestDatabase, testBackends } from "./helpers/database.js";

const SETTINGS = {
  linkTtlSeconds: ACCOUNT_DEFAULTS.signInLinkTtlSeconds,
  sessionTtlSeconds: 3_600,
  sessionRotateSeconds: 600,
  perIp: 4,
  perAddress: 2,
  windowSeconds: 60,
};

describe.each(testBackends())("sign-in links and sessions ($name)", (backend) => {
  let test: TestDatabase;
  let clock: Date;
  let mailed: SignInMail[];
  let service: SignInService;

  beforeEach(async () => {
    test = await createTestDatabase(backend);
    clock = new Date("2026-03-01T10:00:00Z");
    mailed = [];
    service = new SignInService(
      test.database.db,
      SETTINGS,
      async (mail) => void mailed.push(mail),
      new RateLimiter(memoryRateCounter(), SETTINGS.windowSeconds),
      () => clock,
    );
    await test.database.db.insert(uploads).values({ dist: "Foo", version: "1", author: "ANDK" });
    await testerWithToken(test.database.db);
  });
  afterEach(() => test.drop());

  const later = (seconds: number) => (clock = new Date(clock.getTime() + seconds * 1000));

  it("mails PAUSEID@cpan.org and a tester's registered address, and nobody else", async () => {
    await service.request({ pauseId: "andk" }, "10.0.0.1");
    await service.request({ email: "ADA@example.org" }, "10.0.0.2");
    await service.request({ pauseId: "NOBODY" }, "10.0.0.3");
    await service.request({ email: "nobody@example.org" }, "10.0.0.4");
    expect(mailed.map((m) => [m.kind, m.address])).toEqual([
      ["author", "ANDK@cpan.org"],
      ["tester", TESTER.email],
    ]);
  });

  it("lets a link work once, until it expires, and knows which it was", async () => {
    await service.request({ pauseId: "ANDK" }, "10.0.0.1");
    await service.request({ pauseId: "ANDK" }, "10.0.0.1");
    const [first, second] = mailed;
    later(SETTINGS.linkTtlSeconds - 1);
    expect((await service.use(first!.token, "10.0.0.1")).outcome).toBe("signed-in");
    expect((await service.use(first!.token, "10.0.0.1")).outcome).toBe("used");
    later(1);
    expect((await service.use(second!.token, "10.0.0.1")).outcome).toBe("expired");
    expect((await service.use("made-up", "10.0.0.1")).outcome).toBe("unknown");
  });

  it("rotates an old session's token, keeps the old one a minute, and ends sessions", async () => {
    await service.request({ pauseId: "ANDK" }, "10.0.0.1");
    const used = await service.use(mailed[0]!.token, "10.0.0.1");
    if (used.outcome !== "signed-in") throw new Error(used.outcome);
    const token = used.signedIn.sessionToken;
    const fresh = await service.resolve(token, undefined, "10.0.0.1");
    expect(fresh.viewer).toMatchObject({ kind: "author", pauseId: "ANDK" });
    expect(fresh.rotated).toBeUndefined();
    expect(fresh.csrfVerified).toBe(false);
    expect((await service.resolve(token, fresh.viewer?.csrfToken, "10.0.0.1")).csrfVerified).toBe(true);

    later(SETTINGS.sessionRotateSeconds);
    const rotated = await service.resolve(token, undefined, "10.0.0.1");
    const next = rotated.rotated?.sessionToken;
    expect(next).toBeDefined();
    expect(next).not.toBe(token);
    // The CSRF token stays: a page open before the rotation keeps working.
    expect((await service.resolve(next, fresh.viewer?.csrfToken, "10.0.0.1")).csrfVerified).toBe(true);
    later(59);
    expect((await service.resolve(token, undefined, "10.0.0.1")).viewer).toBeDefined();
    later(2);
    expect((await service.resolve(token, undefined, "10.0.0.1")).viewer).toBeUndefined();

    await service.signOut(next);
    expect((await service.resolve(next, undefined, "10.0.0.1")).viewer).toBeUndefined();
  });

  it("rate-limits per address and per IP alike for known and unknown ids, at the edge", async () => {
    for (let i = 0; i < SETTINGS.perAddress; i++) await service.request({ pauseId: "ANDK" }, `10.0.1.${i}`);
    await expect(service.request({ pauseId: "ANDK" }, "10.0.1.99")).rejects.toMatchObject({ code: "RATE_LIMITED" });
    for (let i = 0; i < SETTINGS.perAddress; i++) await service.request({ pauseId: "NOBODY" }, `10.0.2.${i}`);
    await expect(service.request({ pauseId: "NOBODY" }, "10.0.2.99")).rejects.toMatchObject({ code: "RATE_LIMITED" });
    for (let i = 0; i < SETTINGS.perIp; i++) await service.request({ pauseId: `ID${i}` }, "10.0.3.1");
    await expect(service.request({ pauseId: "IDX" }, "10.0.3.1")).rejects.toMatchObject({ code: "RATE_LIMITED" });
    expect(mailed).toHaveLength(SETTINGS.perAddress);
  });
});
