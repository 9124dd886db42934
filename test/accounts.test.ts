import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "../src/db/queries/tester.queries.js";
import { outboxMessages, TokenScope, uploads } from "../src/db/schema/index.js";
import { CHECK_YOUR_MAIL } from "../src/graphql/resolvers/account.resolver.js";
import { TESTER, testerWithToken, v3Report } from "./factories/report.factory.js";
import { testBackends } from "./helpers/database.js";
import { type GraphQLResponse, startTestPlatform, type TestPlatform } from "./helpers/server.js";
import { startSmtpServer, type TestSmtpServer } from "./helpers/smtp-server.js";
import { waitFor } from "./helpers/wait.js";

interface Session {
  cookie: string;
  csrf: string;
}

describe.each(testBackends())("sign-in, settings and conversations over HTTP ($name)", (backend) => {
  let smtp: TestSmtpServer;
  let platform: TestPlatform;
  let token: string;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    // Sign-in's rate limits have a test of their own (test/sign-in.test.ts).
    platform = await startTestPlatform(backend, { accounts: { smtpUrl: smtp.url, signInPerAddress: 1_000 } });
    token = await testerWithToken(platform.database.db);
    await platform.database.db.insert(uploads).values({
      dist: "Foo-Bar",
      version: "1.00",
      author: "ANDK",
      filename: "Foo-Bar-1.00.tar.gz",
      releasedAt: new Date(),
    });
  });
  afterAll(async () => {
    await platform.stop();
    await smtp.close();
  });

  async function gql<Data = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown> = {},
    session?: Session | { cookie: string },
    headers: Record<string, string> = {},
  ): Promise<GraphQLResponse<Data>> {
    const response = await fetch(`${platform.url}/graphql`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...(session ? { cookie: session.cookie } : {}),
        ...(session && "csrf" in session ? { "x-csrf-token": session.csrf } : {}),
        ...headers,
      },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphQLResponse<Data>;
  }

  /** The newest message to this address at the SMTP server, once there are `count` of them. */
  async function mailTo(address: string, count = 1, subject = "") {
    return waitFor(() => {
      const mails = smtp.received.filter(
        (m) =>
          JSON.stringify(m.to).toLowerCase().includes(address.toLowerCase()) && (m.subject ?? "").startsWith(subject),
      );
      return mails.length >= count ? mails.at(-1) : undefined;
    }, `mail number ${count} to ${address}`);
  }

  const linkIn = (text: string | undefined) => /\/sign-in\/([\w-]+)/.exec(text ?? "")?.[1] ?? "";
  const outboxSize = async () => (await platform.database.db.select().from(outboxMessages)).length;
  const mailsTo = (address: string, subject = "") =>
    smtp.received.filter(
      (m) =>
        JSON.stringify(m.to).toLowerCase().includes(address.toLowerCase()) && (m.subject ?? "").startsWith(subject),
    ).length;
  const SIGN_IN = "Your CPAN Testers sign-in link";

  async function signIn(who: { pauseId: string } | { email: string }, address: string): Promise<Session> {
    const before = mailsTo(address, SIGN_IN);
    const asked = await gql(
      `mutation($pauseId: String, $email: String) { requestSignIn(pauseId: $pauseId, email: $email) { message } }`,
      who,
    );
    expect(asked.data).toEqual({ requestSignIn: { message: CHECK_YOUR_MAIL } });
    const mail = await mailTo(address, before + 1, SIGN_IN);
    const response = await fetch(`${platform.url}/sign-in/${linkIn(mail.text)}`, { redirect: "manual" });
    expect(response.status).toBe(303);
    const cookie = (response.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const viewer = await gql<{ viewer: { csrfToken: string } }>(`{ viewer { csrfToken } }`, {}, { cookie });
    return { cookie, csrf: viewer.data?.viewer.csrfToken ?? "" };
  }

  it("signs an author in once per link, with an HttpOnly SameSite cookie, and offers a new link for a spent one", async () => {
    const before = mailsTo("ANDK@cpan.org", SIGN_IN);
    const asked = await gql(
      `mutation { requestSignIn(pauseId: "andk", returnTo: "/settings/notifications") { message } }`,
    );
    expect(asked.errors).toBeUndefined();
    const mail = await mailTo("ANDK@cpan.org", before + 1, SIGN_IN);
    expect(mail.subject).toBe("Your CPAN Testers sign-in link");
    const link = `${platform.url}/sign-in/${linkIn(mail.text)}`;

    const first = await fetch(link, { redirect: "manual" });
    expect(first.status).toBe(303);
    expect(first.headers.get("location")).toBe("/settings/notifications");
    const setCookie = first.headers.get("set-cookie") ?? "";
    expect(setCookie).toMatch(/^cpt_session=[\w-]{40,};/);
    expect(setCookie).toContain("HttpOnly");
    expect(setCookie).toContain("SameSite=Lax");
    expect(setCookie).toContain("Path=/");
    const cookie = setCookie.split(";")[0] ?? "";
    const viewer = await gql(`{ viewer { kind pauseId name } }`, {}, { cookie });
    expect(viewer.data).toEqual({ viewer: { kind: "author", pauseId: "ANDK", name: null } });

    const again = await fetch(link, { redirect: "manual" });
    expect(again.status).toBe(410);
    const page = await again.text();
    expect(page).toContain("used already");
    expect(page).toContain(`action="/sign-in/${linkIn(mail.text)}/renew"`);
    const renewed = await fetch(`${link}/renew`, { method: "POST" });
    expect(renewed.status).toBe(200);
    const fresh = await mailTo("ANDK@cpan.org", before + 2, SIGN_IN);
    expect(linkIn(fresh.text)).not.toBe(linkIn(mail.text));
  });

  it("answers an unknown PAUSE id or address exactly as a known one, and sends nothing", async () => {
    const before = await outboxSize();
    const unknownId = await gql(`mutation { requestSignIn(pauseId: "NOBODY") { message } }`);
    const unknownAddress = await gql(`mutation { requestSignIn(email: "nobody@example.org") { message } }`);
    expect(unknownId.data).toEqual({ requestSignIn: { message: CHECK_YOUR_MAIL } });
    expect(unknownAddress.data).toEqual(unknownId.data);
    expect(await outboxSize()).toBe(before);
    const malformed = await gql(`mutation { requestSignIn(pauseId: "not a pause id!") { message } }`);
    expect(malformed.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(malformed.errors?.[0]?.message).toMatch(/^pauseId:/);
    const offsite = await gql(`mutation { requestSignIn(pauseId: "ANDK", returnTo: "//evil.example/") { message } }`);
    expect(offsite.errors?.[0]?.message).toMatch(/^returnTo:/);
  });

  it("changes an author's own settings only with the CSRF token, and names the field of a bad value", async () => {
    const andk = await signIn({ pauseId: "ANDK" }, "ANDK@cpan.org");
    const read = await gql(
      `{ notificationSettings { author default { frequency grades firstOnly versions includePatched } } }`,
      {},
      andk,
    );
    expect(read.data).toEqual({
      notificationSettings: {
        author: "ANDK",
        default: { frequency: "daily", grades: ["fail"], firstOnly: true, versions: "latest", includePatched: false },
      },
    });
    const change = `mutation($input: NotificationPreferenceInput, $dist: String, $tz: String) {
      updateNotificationSettings(input: $input, distribution: $dist, timeZone: $tz) {
        timeZone default { frequency weekday grades } distributions { distribution frequency }
      }
    }`;
    const forged = await gql(change, { input: { frequency: "weekly" } }, { cookie: andk.cookie });
    expect(forged.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const wrongToken = await gql(change, { input: { frequency: "weekly" } }, { cookie: andk.cookie, csrf: "nope" });
    expect(wrongToken.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");

    const weekly = await gql(
      change,
      { input: { frequency: "weekly", weekday: 5, grades: ["FAIL", "na"] }, tz: "Europe/Berlin" },
      andk,
    );
    expect(weekly.data).toEqual({
      updateNotificationSettings: {
        timeZone: "Europe/Berlin",
        default: { frequency: "weekly", weekday: 5, grades: ["fail", "na"] },
        distributions: [],
      },
    });
    const perDist = await gql(change, { input: { frequency: "report" }, dist: "Foo-Bar" }, andk);
    expect(perDist.data).toMatchObject({
      updateNotificationSettings: { distributions: [{ distribution: "Foo-Bar", frequency: "report" }] },
    });

    for (const [input, fieldName] of [
      [{ grades: ["great"] }, "grades"],
      [{ frequency: "" }, "frequency"],
      [{ frequency: "hourly" }, "frequency"],
      [{ weekday: 7 }, "weekday"],
      [{ versions: "list", versionList: [] }, "versionList"],
    ] as const) {
      const bad = await gql(change, { input }, andk);
      expect(bad.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
      expect(bad.errors?.[0]?.message.startsWith(`${fieldName}:`)).toBe(true);
    }
    const badZone = await gql(change, { tz: "Mars/Olympus" }, andk);
    expect(badZone.errors?.[0]?.message).toMatch(/^timeZone:/);
    const notMine = await gql(change, { input: { frequency: "never" }, dist: "Someone-Elses" }, andk);
    expect(notMine.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");

    const anonymous = await gql(`{ notificationSettings { author } }`);
    expect(anonymous.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("lets a report's author and tester write to each other, mails the other side, and marks it invalid", async () => {
    const report = v3Report({ dist: "Foo-Bar", version: "1.00", grade: "fail" });
    expect((await platform.submitReport(report, token)).status).toBe(201);
    await platform.processedReport(report.id);
    const andk = await signIn({ pauseId: "ANDK" }, "ANDK@cpan.org");
    const ada = await signIn({ email: TESTER.email.toUpperCase() }, TESTER.email);
    expect((await gql(`{ viewer { kind name pauseId } }`, {}, ada)).data).toEqual({
      viewer: { kind: "tester", name: TESTER.fullName, pauseId: null },
    });

    const post = `mutation($guid: String!, $body: String!) { postMessage(reportGuid: $guid, body: $body) { from fromName body html } }`;
    const before = mailsTo(TESTER.email, "ANDK");
    const written = await gql(post, { guid: report.id, body: "Which **compiler**? <script>alert(1)</script>" }, andk);
    expect(written.data).toEqual({
      postMessage: {
        from: "author",
        fromName: "ANDK",
        body: "Which **compiler**? <script>alert(1)</script>",
        html: "<p>Which <strong>compiler</strong>? &lt;script&gt;alert(1)&lt;/script&gt;</p>\n",
      },
    });
    const toTester = await mailTo(TESTER.email, before + 1, "ANDK");
    expect(toTester.subject).toBe("ANDK wrote about your report on Foo-Bar 1.00");
    expect(toTester.text).toContain(`/report/${report.id}#conversation`);

    const reply = await gql(post, { guid: report.id, body: "gcc 13" }, ada);
    expect(reply.data).toMatchObject({ postMessage: { from: "tester", fromName: TESTER.fullName } });
    const toAuthor = await mailTo("ANDK@cpan.org", 1, TESTER.fullName);
    expect(
      JSON.stringify(smtp.received.filter((m) => m.subject?.includes("wrote about")).map((m) => m.text)),
    ).not.toContain("ada@example.org");
    expect(toAuthor).toBeDefined();

    const thread = await gql(
      `query($guid: String!) { conversation(reportGuid: $guid) { from body } }`,
      { guid: report.id },
      ada,
    );
    expect(thread.data).toEqual({
      conversation: [
        { from: "author", body: "Which **compiler**? <script>alert(1)</script>" },
        { from: "tester", body: "gcc 13" },
      ],
    });
    const long = await gql(post, { guid: report.id, body: "x".repeat(20_001) }, ada);
    expect(long.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(long.errors?.[0]?.message).toContain("20000");
    const edge = await gql(post, { guid: report.id, body: "y".repeat(20_000) }, ada);
    expect(edge.errors).toBeUndefined();
    const stranger = await gql(`query($guid: String!) { conversation(reportGuid: $guid) { body } }`, {
      guid: report.id,
    });
    expect(stranger.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");

    const byTester = await gql(
      `mutation($guid: String!) { markReportInvalid(reportGuid: $guid, reason: "mine") { reason } }`,
      { guid: report.id },
      ada,
    );
    expect(byTester.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const countsBefore = await gql<{ release: { allPerls: { fail: number } } }>(
      `{ release(dist: "Foo-Bar", version: "1.00") { allPerls { fail } } }`,
    );
    const marked = await gql(
      `mutation($guid: String!) { markReportInvalid(reportGuid: $guid, reason: "a broken compiler") { author reason } }`,
      { guid: report.id },
      andk,
    );
    expect(marked.data).toEqual({ markReportInvalid: { author: "ANDK", reason: "a broken compiler" } });
    const countsAfter = await gql<{ release: { allPerls: { fail: number } } }>(
      `{ release(dist: "Foo-Bar", version: "1.00") { allPerls { fail } } }`,
    );
    expect(countsAfter.data?.release.allPerls.fail).toBe((countsBefore.data?.release.allPerls.fail ?? 0) - 1);
    const shown = await gql(`query($guid: String!) { report(guid: $guid) { invalidation { reason } } }`, {
      guid: report.id,
    });
    expect(shown.data).toEqual({ report: { invalidation: { reason: "a broken compiler" } } });
    const told = await mailTo(TESTER.email, before + 2, "ANDK");
    expect(told.subject).toBe("ANDK marked your report on Foo-Bar 1.00 invalid");
  });

  it("unsubscribes with one click (RFC 8058) and shows a button, not a change, on GET", async () => {
    const { unsubscribeTokenOf } = await import("../src/db/queries/outbox.queries.js");
    const unsubscribe = await unsubscribeTokenOf(platform.database.db, "ANDK");
    const page = await fetch(`${platform.url}/unsubscribe/${unsubscribe}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(`<form method="post">`);
    const oneClick = await fetch(`${platform.url}/unsubscribe/${unsubscribe}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "List-Unsubscribe=One-Click",
    });
    expect(oneClick.status).toBe(200);
    const andk = await signIn({ pauseId: "ANDK" }, "ANDK@cpan.org");
    const read = await gql(`{ notificationSettings { default { frequency } distributions { frequency } } }`, {}, andk);
    expect(read.data).toEqual({
      notificationSettings: { default: { frequency: "never" }, distributions: [{ frequency: "never" }] },
    });
    const unknown = await fetch(`${platform.url}/unsubscribe/not-a-token`, { method: "POST" });
    expect(unknown.status).toBe(404);
  });

  it("signs out one browser, or every browser at once", async () => {
    const one = await signIn({ pauseId: "ANDK" }, "ANDK@cpan.org");
    const two = await signIn({ pauseId: "ANDK" }, "ANDK@cpan.org");
    const out = await fetch(`${platform.url}/sign-out`, {
      method: "POST",
      headers: { cookie: one.cookie, "x-csrf-token": one.csrf },
    });
    expect(out.status).toBe(204);
    expect((await gql(`{ viewer { kind } }`, {}, one)).data).toEqual({ viewer: null });
    expect((await gql(`{ viewer { kind } }`, {}, two)).data).toEqual({ viewer: { kind: "author" } });
    const everywhere = await gql<{ signOutEverywhere: number }>(`mutation { signOutEverywhere }`, {}, two);
    expect(everywhere.data?.signOutEverywhere).toBeGreaterThanOrEqual(1);
    expect((await gql(`{ viewer { kind } }`, {}, two)).data).toEqual({ viewer: null });
  });

  it("shows operators what was sent and who signed in, with an admin token only", async () => {
    const query = `{ outboxStats { sent failed transport } recentSignIns(first: 5) { kind subject } outboxMessages(first: 3) { kind status text } }`;
    const anonymous = await gql(query);
    expect(anonymous.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    const submitter = await gql(query, {}, undefined, { authorization: `Bearer ${token}` });
    expect(submitter.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const admin = await createApiToken(platform.database.db, TESTER.id, "operator", [TokenScope.admin]);
    const answer = await gql<{
      outboxStats: { sent: number; transport: string };
      recentSignIns: { subject: string }[];
      outboxMessages: { text: string | null }[];
    }>(query, {}, undefined, { authorization: `Bearer ${admin}` });
    expect(answer.errors).toBeUndefined();
    expect(answer.data?.outboxStats.transport).toBe("smtp");
    expect(answer.data?.outboxStats.sent).toBeGreaterThan(0);
    expect(answer.data?.recentSignIns.map((s) => s.subject)).toContain("ANDK");
    // Bodies hold sign-in links: operators see that a message went, not what it said.
    expect(answer.data?.outboxMessages.every((m) => m.text === null)).toBe(true);
  });
});
