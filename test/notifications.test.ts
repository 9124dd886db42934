import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ACCOUNT_DEFAULTS, type AccountSettings } from "../src/config.js";
import { resetDerivedTables, verifyDerivedCounts } from "../src/db/queries/derived.queries.js";
import { saveSettings } from "../src/db/queries/notification.queries.js";
import { outboxMessages, releases, reportInvalidations, reports, uploads } from "../src/db/schema/index.js";
import { processAll } from "../src/etl/process-batch.js";
import { createMemoryEventBus } from "../src/events/memory-event-bus.js";
import { type AccountServices, createAccounts } from "../src/notify/accounts.js";
import { DEFAULT_PREFERENCE } from "../src/notify/preferences.js";
import { rowValues } from "../src/notify/settings.rows.js";
import { queueReports, type ReportSpec, v3Report } from "./factories/report.factory.js";
import { createTestDatabase, type TestDatabase, testBackends } from "./helpers/database.js";
import { testLog } from "./helpers/server.js";
import { startSmtpServer, type TestSmtpServer } from "./helpers/smtp-server.js";
import { waitFor } from "./helpers/wait.js";

const BASE = "https://testers.example";

function settings(smtpUrl: string): AccountSettings {
  return {
    ...ACCOUNT_DEFAULTS,
    smtpUrl,
    publicBaseUrl: BASE,
    notifyInProcess: false,
  };
}

describe.each(testBackends())("notifications and mail ($name)", (backend) => {
  let test: TestDatabase;
  let smtp: TestSmtpServer;
  let accounts: AccountServices;
  let clock: Date;
  let scheduled: { ids: number[]; at: Date | undefined }[];

  beforeAll(async () => {
    smtp = await startSmtpServer();
  });
  afterAll(async () => {
    await smtp.close();
  });

  beforeEach(async () => {
    test = await createTestDatabase(backend);
    clock = new Date("2026-03-01T10:00:00Z");
    accounts = createAccounts(settings(smtp.url), {
      database: test.database,
      events: createMemoryEventBus(),
      log: testLog,
      limiter: undefined,
      windowSeconds: 60,
      now: () => clock,
    });
    scheduled = [];
    accounts.outbox.scheduler = { schedule: async (ids, at) => void scheduled.push({ ids: [...ids], at }) };
    smtp.received.length = 0;
    const { db } = test.database;
    for (const [dist, version, author] of [
      ["Foo-Bar", "1.00", "ANDK"],
      ["Baz", "2.00", "BOB"],
    ] as const) {
      await db
        .insert(uploads)
        .values({ dist, version, author, filename: `${dist}-${version}.tar.gz`, releasedAt: clock });
    }
    // The notifier starts at the newest report: these tests' reports all come after.
    await accounts.notifier.scan();
    return async () => {
      await accounts.stop();
      await test.drop();
    };
  });

  async function count(specs: ReportSpec[]): Promise<string[]> {
    const docs = specs.map((spec) => v3Report(spec));
    await queueReports(test.database.db, docs);
    await processAll({ db: test.database.db, log: testLog }, 100);
    return docs.map((d) => d.id);
  }

  const messages = () => test.database.db.select().from(outboxMessages).orderBy(outboxMessages.id);

  it("mails an every-report author once per report, first of its kind only, with unsubscribe headers", async () => {
    const { db } = test.database;
    await saveSettings(
      db,
      "ANDK",
      "",
      rowValues({ ...DEFAULT_PREFERENCE, frequency: "report" }, { ignoredDists: [], timeZone: "UTC" }),
      clock,
    );
    const [pass, fail] = await count([
      { dist: "Foo-Bar", grade: "pass" },
      { dist: "Foo-Bar", grade: "fail" },
      { dist: "Foo-Bar", grade: "fail" },
    ]);
    expect(await accounts.notifier.scanAll()).toBe(3);
    expect(await accounts.notifier.scanAll()).toBe(0);
    const queued = await messages();
    expect(queued.map((m) => [m.kind, m.recipient, m.idempotencyKey])).toEqual([
      ["report", "ANDK@cpan.org", `report:ANDK:${fail}`],
    ]);
    expect(pass).toBeDefined();
    expect(scheduled.flatMap((s) => s.ids)).toEqual([queued[0]?.id]);

    expect(await accounts.outbox.deliver(queued[0]!.id)).toBe("sent");
    // A second job for the same message sends nothing.
    expect(await accounts.outbox.deliver(queued[0]!.id)).toBe("sent");
    await waitFor(() => (smtp.received.length === 1 ? true : undefined), "the message at the SMTP server");
    const mail = smtp.received[0]!;
    expect(mail.to).toMatchObject({ text: "ANDK@cpan.org" });
    expect(mail.subject).toBe("FAIL Foo-Bar 1.00 perl 5.36.0 on x86_64-linux");
    // mailparser folds List-* headers into one object: the raw lines are what a mail client reads.
    // Long header lines are folded (RFC 5322); a reader unfolds them.
    const header = (name: string) => mail.headerLines.find((h) => h.key === name)?.line.replace(/\r?\n[ \t]+/g, " ");
    expect(header("list-unsubscribe-post")).toBe("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
    expect(header("list-unsubscribe")).toMatch(new RegExp(`^List-Unsubscribe: <${BASE}/unsubscribe/[\\w-]+>$`));
    expect(mail.text).toContain(`${BASE}/report/${fail}`);
    expect(mail.text).toContain(`${BASE}/dist/Foo-Bar/1.00`);
    expect(mail.text).toContain(`${BASE}/settings/notifications`);
    expect(mail.html).toContain(`href="${BASE}/report/${fail}"`);
  });

  it("builds a daily digest at the author's midnight, once, grouped by distribution and version", async () => {
    const { db } = test.database;
    await saveSettings(
      db,
      "BOB",
      "",
      rowValues({ ...DEFAULT_PREFERENCE, grades: ["fail", "na"] }, { ignoredDists: [], timeZone: "Asia/Tokyo" }),
      clock,
    );
    await count([
      { dist: "Baz", version: "2.00", grade: "fail", osname: "linux" },
      { dist: "Baz", version: "2.00", grade: "na", osname: "freebsd" },
      { dist: "Baz", version: "2.00", grade: "pass" },
    ]);
    await accounts.notifier.scanAll();
    // 10:00 UTC is 19:00 in Tokyo: the author's day has not ended.
    expect(await accounts.notifier.digests(clock)).toBe(0);
    // 15:05 UTC is 00:05 the next day in Tokyo.
    const after = new Date("2026-03-01T15:05:00Z");
    expect(await accounts.notifier.digests(after)).toBe(1);
    expect(await accounts.notifier.digests(after)).toBe(0);
    const [digest] = await messages();
    expect(digest).toMatchObject({ kind: "digest", recipient: "BOB@cpan.org" });
    expect(digest?.idempotencyKey).toBe("digest:BOB:daily:2026-03-01T15:00:00.000Z");
    expect(digest?.textBody).toMatch(/Baz 2\.00 {2}https:\/\/testers\.example\/dist\/Baz\/2\.00\n {2}FAIL .*\n {2}NA /);
    expect(digest?.subject).toBe("CPAN Testers daily summary for BOB: 2 reports");
  });

  it("retries a refused delivery with back-off and gives up on a permanent refusal", async () => {
    const id = await accounts.outbox.send({
      kind: "sign-in",
      idempotencyKey: "test:1",
      recipient: "someone@example.org",
      subject: "hello",
      textBody: "hello",
      htmlBody: "<p>hello</p>",
      headers: {},
    });
    smtp.refuseNext(451);
    expect(await accounts.outbox.deliver(id!)).toBe("queued");
    const retry = scheduled.at(-1);
    expect(retry?.at?.getTime()).toBe(clock.getTime() + ACCOUNT_DEFAULTS.mailRetryBaseSeconds * 1000);
    expect(await accounts.outbox.deliver(id!)).toBe("sent");
    const [row] = await messages();
    expect(row).toMatchObject({ status: "sent", attempts: 2, lastError: null });

    const other = await accounts.outbox.send({
      kind: "sign-in",
      idempotencyKey: "test:2",
      recipient: "nobody@example.org",
      subject: "hello",
      textBody: "hello",
      htmlBody: "<p>hello</p>",
      headers: {},
    });
    // The same key again queues nothing.
    expect(
      await accounts.outbox.send({
        kind: "sign-in",
        idempotencyKey: "test:2",
        recipient: "x@example.org",
        subject: "",
        textBody: "",
        htmlBody: "",
        headers: {},
      }),
    ).toBeUndefined();
    smtp.refuseNext(550);
    expect(await accounts.outbox.deliver(other!)).toBe("failed");
    const failed = (await messages()).find((m) => m.id === other);
    expect(failed).toMatchObject({ status: "failed", attempts: 1 });
    expect(failed?.lastError).toContain("550");
  });

  it("takes an invalid report out of every count and puts it back, exactly, through a rebuild too", async () => {
    const { db } = test.database;
    const guids = await count([
      { dist: "Foo-Bar", grade: "fail", osname: "linux" },
      { dist: "Foo-Bar", grade: "pass", osname: "linux" },
      { dist: "Foo-Bar", grade: "fail", osname: "solaris", perl: "5.41.3" },
    ]);
    const solaris = guids[2]!;
    const andk = { kind: "author" as const, pauseId: "ANDK", csrfToken: "" };
    const counts = async () => (await db.select().from(releases).where(eq(releases.dist, "Foo-Bar")))[0];
    expect(await counts()).toMatchObject({ pass: 1, fail: 2 });

    await accounts.invalidations.mark(andk, solaris, "a broken perl build");
    expect(await counts()).toMatchObject({ pass: 1, fail: 1 });
    expect(await verifyDerivedCounts(db)).toEqual([]);
    // Marking again changes nothing.
    await accounts.invalidations.mark(andk, solaris, "again");
    expect(await counts()).toMatchObject({ pass: 1, fail: 1 });
    const told = (await messages()).filter((m) => m.kind === "invalid");
    expect(told.map((m) => m.recipient)).toEqual(["ada@example.org"]);
    expect(told[0]?.textBody).toContain("a broken perl build");

    await resetDerivedTables(db);
    await processAll({ db, log: testLog }, 100);
    expect(await counts()).toMatchObject({ pass: 1, fail: 1 });
    expect(await verifyDerivedCounts(db)).toEqual([]);

    const [row] = await db.select().from(reports).where(eq(reports.guid, solaris));
    expect(row).toBeDefined();
    expect(await accounts.invalidations.unmark(andk, solaris)).toBe(true);
    expect(await accounts.invalidations.unmark(andk, solaris)).toBe(false);
    expect(await counts()).toMatchObject({ pass: 1, fail: 2 });
    expect(await verifyDerivedCounts(db)).toEqual([]);
    expect(await db.select().from(reportInvalidations)).toEqual([]);

    const bob = { kind: "author" as const, pauseId: "BOB", csrfToken: "" };
    await expect(accounts.invalidations.mark(bob, solaris, "not mine")).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
