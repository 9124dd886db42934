import { createHash, randomUUID } from "node:crypto";
import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { revokeToken } from "../src/auth/token.revocation.js";
import { createApiToken, createTester, registerTester } from "../src/db/queries/tester.queries.js";
import { loadFixture } from "./fixtures/index.js";
import { v3Report, testerWithToken } from "./factories/report.factory.js";
import { testBackends } from "./helpers/database.js";
import { startTestPlatform, type TestPlatform, type TestPlatformOptions } from "./helpers/server.js";
import { waitFor } from "./helpers/wait.js";

// The profile of test/fixtures/metabase-register.json, which made the submission fixtures.
const PROFILE = "7d3c2a10-6f1e-11df-8b2e-2b7c4f9a1d05";
const SECRET = "5f0c9e7a1b3d48c2a6e4f1d7b9c3a0e8";
const CHEAP = "{ perlVersions { version } }";

const basic = (secret: string) => `Basic ${Buffer.from(`${PROFILE}:${secret}`).toString("base64")}`;

async function post(url: string, body: unknown, authorization?: string) {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...(authorization ? { authorization } : {}) },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as Record<string, unknown>,
  };
}

/** A second token holder, so that one address can hold two credentials. */
async function anotherToken(platform: TestPlatform): Promise<string> {
  const tester = { id: randomUUID(), fullName: "Bob Tester", email: "bob@example.org" };
  await createTester(platform.database.db, tester);
  return createApiToken(platform.database.db, tester.id, "test");
}

describe.each(testBackends())("abuse controls on $name", (backend) => {
  const platforms: TestPlatform[] = [];
  const start = async (options: TestPlatformOptions) => {
    const platform = await startTestPlatform(backend, { etl: false, ...options });
    platforms.push(platform);
    return platform;
  };
  afterAll(async () => {
    for (const platform of platforms.reverse()) await platform.stop();
  });

  describe("rate limits", () => {
    let platform: TestPlatform;
    beforeAll(async () => {
      platform = await start({
        abuse: { intakePerCredential: 2, intakePerIp: 4, registerPerIp: 2, graphqlPointsPerIp: 3 },
      });
    });

    it("lets a token submit its limit of reports and refuses the next with 429 in the v3 shape", async () => {
      const token = await testerWithToken(platform.database.db);
      for (const remaining of ["1", "0"]) {
        const accepted = await post(`${platform.url}/v3/report`, v3Report(), `Bearer ${token}`);
        expect(accepted.status).toBe(201);
        expect(accepted.headers.get("x-ratelimit-limit")).toBe("2");
        expect(accepted.headers.get("x-ratelimit-remaining")).toBe(remaining);
        expect(accepted.headers.get("x-ratelimit-resource")).toBe("intake");
      }
      const refused = await post(`${platform.url}/v3/report`, v3Report(), `Bearer ${token}`);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(refused.body).toEqual({
        errors: [
          {
            message: expect.stringMatching(
              /^rate limit of 2 intake requests per 60 s exceeded; retry in \d+ s$/,
            ) as unknown,
          },
        ],
      });

      // The address has spent 3 of its 4: another token gets one more, then the address is refused.
      const other = await anotherToken(platform);
      expect((await post(`${platform.url}/v3/report`, v3Report(), `Bearer ${other}`)).status).toBe(201);
      const byAddress = await post(`${platform.url}/v3/report`, v3Report(), `Bearer ${other}`);
      expect(byAddress.status).toBe(429);
      expect(byAddress.headers.get("x-ratelimit-limit")).toBe("4");
    });

    it("lets an address register its limit of profiles and answers the next in the Metabase shape", async () => {
      const registration = loadFixture("metabase-register");
      expect((await post(`${platform.url}/api/v1/register`, registration)).status).toBe(200);
      expect((await post(`${platform.url}/api/v1/register`, registration)).status).toBe(200);
      const refused = await post(`${platform.url}/api/v1/register`, registration);
      expect(refused.status).toBe(429);
      expect(refused.headers.get("retry-after")).toMatch(/^\d+$/);
      expect(refused.body).toEqual({ error: expect.stringMatching(/^rate limit of 2 register requests/) as unknown });
    });

    it("spends each GraphQL query's cost from the address's points and refuses the query that overdraws", async () => {
      for (const remaining of ["2", "1", "0"]) {
        const response = await fetch(`${platform.url}/graphql`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ query: CHEAP }),
        });
        expect(response.status).toBe(200);
        expect(response.headers.get("x-ratelimit-remaining")).toBe(remaining);
        expect(response.headers.get("x-ratelimit-resource")).toBe("graphql");
      }
      const refused = await fetch(`${platform.url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query: CHEAP }),
      });
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
      const body = (await refused.json()) as { data?: unknown; errors: { extensions: Record<string, unknown> }[] };
      expect(body.data).toBeUndefined();
      expect(body.errors[0]?.extensions).toMatchObject({ code: "RATE_LIMITED", cost: 1, limit: 3 });
    });
  });

  if (backend.redisUrl) {
    it("shares a limit between two instances through Redis", async () => {
      const first = await start({ abuse: { registerPerIp: 2 } });
      const second = await start({ instanceOf: first, abuse: { registerPerIp: 2 } });
      const registration = loadFixture("metabase-register");
      expect((await post(`${first.url}/api/v1/register`, registration)).status).toBe(200);
      expect((await post(`${second.url}/api/v1/register`, registration)).status).toBe(200);
      expect((await post(`${first.url}/api/v1/register`, registration)).status).toBe(429);
      expect((await post(`${second.url}/api/v1/register`, registration)).status).toBe(429);
    });
  }

  it("backs off failed Metabase authentication, refusing even the right secret, for longer after each failure", async () => {
    const platform = await start({ abuse: { authFailuresAllowed: 3, authBackoffSeconds: 1 } });
    await registerTester(platform.database.db, { id: PROFILE, fullName: "Ada", email: "ada@example.org" }, SECRET);
    const submit = (secret: string) =>
      post(
        `${platform.url}/api/v1/submit/CPAN-Testers-Report`,
        loadFixture("metabase-submit-linux-pass"),
        basic(secret),
      );

    for (let i = 0; i < 3; i++) expect((await submit("wrong")).status).toBe(401);
    const blocked = await submit(SECRET);
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get("retry-after")).toBe("1");
    expect(blocked.body).toEqual({ error: expect.stringMatching(/^too many failed authentications/) as unknown });

    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect((await submit(SECRET)).status).toBe(201);
    expect((await submit("wrong")).status).toBe(401);
    const longer = await submit(SECRET);
    expect(longer.status).toBe(429);
    expect(longer.headers.get("retry-after")).toBe("2");
  });

  it("stores an automatic persisted query only when it is valid, small enough and within the count", async () => {
    const platform = await start({ abuse: { persistedQueryMaxBytes: 300, persistedQueryMaxCount: 2 } });
    const hash = (query: string) => createHash("sha256").update(query).digest("hex");
    const send = async (query: string | undefined, sha256Hash: string) => {
      const extensions = { persistedQuery: { version: 1, sha256Hash } };
      const response = await post(`${platform.url}/graphql`, { ...(query ? { query } : {}), extensions });
      return (response.body.errors as { extensions: { code: string } }[] | undefined)?.[0]?.extensions.code ?? "ok";
    };
    const known = async (query: string) => (await send(undefined, hash(query))) === "ok";

    const invalid = "{ perlVersions { nope } }";
    expect(await send(invalid, hash(invalid))).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(await known(invalid)).toBe(false);

    const large = `{ perlVersions { ${"version ".repeat(40)}} }`;
    expect(await send(large, hash(large))).toBe("ok");
    expect(await known(large)).toBe(false);

    const queries = [
      "{ perlVersions { version } }",
      "{ perlVersions { maturity } }",
      "{ a: perlVersions { version } }",
    ];
    for (const query of queries) expect(await send(query, hash(query))).toBe("ok");
    expect(await Promise.all(queries.map(known))).toEqual([true, true, false]);
  });

  it("sheds load with 503 and Retry-After when memory is over its limit, but still answers health and metrics", async () => {
    const platform = await start({ abuse: { shedRssBytes: 1 } });
    const shed = await waitFor(async () => {
      const response = await fetch(`${platform.url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query: CHEAP }),
      });
      return response.status === 503 ? response : undefined;
    }, "the server to shed load");
    expect(shed.headers.get("retry-after")).toBe("2");
    expect(await shed.json()).toEqual({
      errors: [
        { message: "the server is overloaded; retry shortly", extensions: { code: "UNAVAILABLE", retryAfter: 2 } },
      ],
    });
    const report = await post(`${platform.url}/v3/report`, v3Report());
    expect(report.status).toBe(503);
    expect(report.body).toEqual({ errors: [{ message: "the server is overloaded; retry shortly" }] });
    expect((await fetch(`${platform.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${platform.url}/metrics`)).status).toBe(200);
  });

  it("sheds requests past the in-flight limit at once and takes them again when one finishes", async () => {
    const platform = await start({ abuse: { shedMaxInFlight: 1 } });
    // A report whose body never finishes arriving holds the one slot for as long as it is open.
    const held = request(`${platform.url}/v3/report`, {
      method: "POST",
      headers: { "content-type": "application/json", "content-length": "1000" },
    });
    held.on("error", () => undefined);
    held.write("{");
    const cheap = () =>
      fetch(`${platform.url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query: CHEAP }),
      });
    const shed = await waitFor(async () => {
      const response = await cheap();
      return response.status === 503 ? response : undefined;
    }, "a request past the in-flight limit to be shed");
    expect(shed.headers.get("retry-after")).toBe("2");
    expect(((await shed.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code).toBe(
      "UNAVAILABLE",
    );
    expect((await fetch(`${platform.url}/healthz`)).status).toBe(200);

    held.destroy();
    await waitFor(async () => {
      const response = await cheap();
      return response.status === 200 ? response : undefined;
    }, "the slot to be free again");
  });

  it("stops a revoked token on another instance within a second", async () => {
    const first = await start({});
    const second = await start({ instanceOf: first });
    const token = await testerWithToken(first.database.db);
    // The second instance has verified the token and keeps it in its credential cache.
    expect((await post(`${second.url}/v3/report`, v3Report(), `Bearer ${token}`)).status).toBe(201);
    expect((await post(`${second.url}/v3/report`, v3Report(), `Bearer ${token}`)).status).toBe(201);

    expect(await revokeToken(first.database.db, first.events, token)).toBe(true);
    const revokedAt = Date.now();
    const refused = await waitFor(
      async () => {
        const response = await post(`${second.url}/v3/report`, v3Report(), `Bearer ${token}`);
        return response.status === 201 ? undefined : response;
      },
      "the second instance to refuse the revoked token",
      1_000,
    );
    expect(Date.now() - revokedAt).toBeLessThan(1_000);
    expect(refused.status).toBe(401);
    expect(refused.body).toEqual({ errors: [{ message: "unknown or revoked API token" }] });
  });

  it("shows the authenticated submitter as the tester and the document's reporter as reportedBy", async () => {
    const platform = await startTestPlatform(backend);
    platforms.push(platform);
    const token = await testerWithToken(platform.database.db);
    const report = { ...v3Report(), reporter: { name: "Someone Else", email: "else@example.org" } };
    expect((await platform.submitReport(report, token)).status).toBe(201);
    await platform.processedReport(report.id);

    const result = await platform.graphql(
      `query ($guid: String) { report(guid: $guid) { reporter reportedBy tester { fullName } } }`,
      { guid: report.id },
    );
    expect(result).toMatchObject({
      data: {
        report: {
          reporter: "Ada Tester <ada@example.org>",
          reportedBy: "Someone Else <else@example.org>",
          tester: { fullName: "Ada Tester" },
        },
      },
    });
    // The document itself is kept as it was sent.
    const stored = await fetch(`${platform.url}/v3/report/${report.id}`);
    expect(((await stored.json()) as { reporter: unknown }).reporter).toEqual(report.reporter);
  });
});
