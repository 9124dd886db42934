import { and, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outboxMessages, uploads } from "../src/db/schema/index.js";
import { Topic } from "../src/events/index.js";
import type { ReportDocument } from "../src/report/index.js";
import { TESTER, testerWithToken, v3Report } from "./factories/report.factory.js";
import { graphql } from "./generated/index.js";
import { testBackends } from "./helpers/database.js";
import { startTestPlatform, type TestPlatform } from "./helpers/server.js";
import { subscribe, type TestSubscription, waitForSubscribers } from "./helpers/subscriber.js";
import { waitFor } from "./helpers/wait.js";

const CONVERSATION = graphql(`
  subscription ConversationUpdatedTest($guid: String!) {
    conversationUpdated(reportGuid: $guid) {
      reportGuid
      from
      fromName
      body
      html
    }
  }
`);

interface Session {
  cookie: string;
  csrf: string;
}

/**
 * conversationUpdated over a real socket, signed in by the session cookie of the upgrade request,
 * as the report page subscribes: each side sees what the other writes; nobody else may listen.
 */
describe.each(testBackends())("conversationUpdated over graphql-ws ($name)", (backend) => {
  let platform: TestPlatform;
  let report: ReportDocument;
  const open: TestSubscription<unknown>[] = [];

  beforeAll(async () => {
    platform = await startTestPlatform(backend, { accounts: {} });
    const { db } = platform.database;
    await db.insert(uploads).values([
      { dist: "Foo-Bar", version: "1.00", author: "ANDK", filename: "Foo-Bar-1.00.tar.gz", releasedAt: new Date() },
      { dist: "Other", version: "0.01", author: "BOB", filename: "Other-0.01.tar.gz", releasedAt: new Date() },
    ]);
    const token = await testerWithToken(db);
    report = v3Report({ dist: "Foo-Bar", version: "1.00", grade: "fail" });
    expect((await platform.submitReport(report, token)).status).toBe(201);
    await platform.processedReport(report.id);
  });
  afterAll(async () => {
    for (const subscription of open) await subscription.dispose();
    await platform?.stop();
  });

  async function gql<Data>(query: string, variables: Record<string, unknown>, session?: Session) {
    const response = await fetch(`${platform.url}/graphql`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...(session ? { cookie: session.cookie, "x-csrf-token": session.csrf } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as { data?: Data; errors?: { message: string; extensions?: { code?: string } }[] };
  }

  /** Signs in by the link the outbox holds for `recipient` (no SMTP: the development mailbox). */
  async function signIn(who: { pauseId: string } | { email: string }, recipient: string): Promise<Session> {
    await gql(
      `mutation($pauseId: String, $email: String) { requestSignIn(pauseId: $pauseId, email: $email) { message } }`,
      who,
    );
    const link = await waitFor(async () => {
      const [mail] = await platform.database.db
        .select({ text: outboxMessages.textBody })
        .from(outboxMessages)
        .where(and(eq(outboxMessages.recipient, recipient), eq(outboxMessages.kind, "sign-in")))
        .orderBy(desc(outboxMessages.id))
        .limit(1);
      return /\/sign-in\/[\w-]+/.exec(mail?.text ?? "")?.[0];
    }, `a sign-in link to ${recipient}`);
    const response = await fetch(`${platform.url}${link}`, { redirect: "manual" });
    const cookie = (response.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const viewer = await gql<{ viewer: { csrfToken: string } }>(`{ viewer { csrfToken } }`, {}, { cookie, csrf: "" });
    return { cookie, csrf: viewer.data?.viewer.csrfToken ?? "" };
  }

  const listen = (session: Session | undefined) => {
    const subscription = subscribe(
      platform.url,
      CONVERSATION,
      { guid: report.id },
      undefined,
      session ? { cookie: session.cookie } : undefined,
    );
    open.push(subscription);
    return subscription;
  };
  const post = (session: Session, body: string) =>
    gql(
      `mutation($guid: String!, $body: String!) { postMessage(reportGuid: $guid, body: $body) { id } }`,
      { guid: report.id, body },
      session,
    );

  it("brings each side's message to the other's subscription, and refuses everyone else", async () => {
    const author = await signIn({ pauseId: "ANDK" }, "ANDK@cpan.org");
    const tester = await signIn({ email: TESTER.email }, TESTER.email);
    const stranger = await signIn({ pauseId: "BOB" }, "BOB@cpan.org");

    const toTester = listen(tester);
    const toAuthor = listen(author);
    await waitForSubscribers(platform.events, Topic.conversationUpdated, 2);

    expect((await post(author, "Which **compiler**?")).errors).toBeUndefined();
    const [first] = await toTester.waitForCount(1);
    expect(first).toEqual({
      data: {
        conversationUpdated: {
          reportGuid: report.id,
          from: "author",
          fromName: "ANDK",
          body: "Which **compiler**?",
          html: "<p>Which <strong>compiler</strong>?</p>\n",
        },
      },
    });
    expect((await post(tester, "gcc 13")).errors).toBeUndefined();
    const answers = await toAuthor.waitForCount(2);
    expect(answers.map((answer) => answer.data?.conversationUpdated)).toEqual([
      expect.objectContaining({ from: "author", body: "Which **compiler**?" }),
      expect.objectContaining({ from: "tester", fromName: TESTER.fullName, body: "gcc 13" }),
    ]);

    // Signed in, but neither the report's author nor its tester; and not signed in at all.
    const refused = listen(stranger);
    const anonymous = listen(undefined);
    const [forbidden] = await refused.waitForCount(1);
    const [unauthenticated] = await anonymous.waitForCount(1);
    expect(forbidden?.data ?? null).toBeNull();
    expect(forbidden?.errors?.map((error) => error.extensions?.code)).toEqual(["FORBIDDEN"]);
    expect(unauthenticated?.errors?.map((error) => error.extensions?.code)).toEqual(["UNAUTHENTICATED"]);
    expect(platform.events.subscribers(Topic.conversationUpdated)).toBe(2);

    // A message after the refusals reaches the two parties and nobody else.
    expect((await post(author, "thanks")).errors).toBeUndefined();
    await toTester.waitForCount(3);
    expect(refused.received).toHaveLength(1);
    expect(anonymous.received).toHaveLength(1);
  });
});
