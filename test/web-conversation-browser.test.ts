import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uploads } from "../src/db/schema/index.js";
import { Topic } from "../src/events/index.js";
import type { ReportDocument } from "../src/report/index.js";
import { TESTER, testerWithToken, v3Report } from "./factories/report.factory.js";
import { chromiumPath, hydrated, launchBrowser, NO_CHROMIUM, type TestBrowser } from "./helpers/browser.js";
import { startTestPlatform, type TestPlatform } from "./helpers/server.js";

const chromium = chromiumPath();
// vitest.config.ts leaves browser tests out where no Chromium is found, except in CI, which needs them.
if (!chromium) throw new Error(NO_CHROMIUM);

/**
 * An author and a tester, each in a browser of their own, on the embedded default: both sign in
 * through the development mailbox, write to each other on the report's page and see the other's
 * message arrive without a reload; the author marks the report invalid and back, and keeps settings
 * for one distribution.
 */
describe("authors and testers in two Chromium profiles", () => {
  let platform: TestPlatform;
  let authorBrowser: TestBrowser;
  let testerBrowser: TestBrowser;
  let failure: ReportDocument;

  beforeAll(async () => {
    platform = await startTestPlatform({ name: "pglite" }, { accounts: {} });
    const { db } = platform.database;
    await db.insert(uploads).values({
      dist: "Foo-Bar",
      version: "1.00",
      author: "ANDK",
      filename: "Foo-Bar-1.00.tar.gz",
      releasedAt: new Date(),
    });
    const token = await testerWithToken(db);
    failure = v3Report({ dist: "Foo-Bar", version: "1.00", grade: "fail" });
    for (const report of [failure, v3Report({ dist: "Foo-Bar", version: "1.00", grade: "pass" })]) {
      expect((await platform.submitReport(report, token)).status).toBe(201);
      await platform.processedReport(report.id);
    }
    authorBrowser = await launchBrowser(chromium);
    testerBrowser = await launchBrowser(chromium);
  });
  afterAll(async () => {
    await authorBrowser?.close();
    await testerBrowser?.close();
    await platform?.stop();
  });

  /** Asks for a link on the sign-in page, follows it from the development mailbox, lands on `returnTo`. */
  async function signIn(browser: TestBrowser, who: { pauseId: string } | { email: string }, returnTo: string) {
    const { page, errors } = await browser.open(`${platform.url}/sign-in?returnTo=${encodeURIComponent(returnTo)}`);
    await hydrated(page);
    if ("email" in who) {
      await page.getByLabel("a tester").check();
      await page.getByRole("textbox", { name: "E-mail address" }).fill(who.email);
    } else {
      await page.getByRole("textbox", { name: "PAUSE id" }).fill(who.pauseId);
    }
    await page.getByRole("button", { name: "Send me a link" }).click();
    await page.getByRole("status").getByText("a sign-in link is on its way").waitFor();
    const recipient = "email" in who ? who.email : `${who.pauseId}@cpan.org`;
    const link = await linkInMailbox(page, recipient);
    await page.goto(`${platform.url}${link}`);
    expect(new URL(page.url()).pathname).toBe(returnTo);
    await hydrated(page);
    return { page, errors };
  }

  /** The path of the newest sign-in link to `recipient`, once the mailbox shows it. */
  async function linkInMailbox(page: Page, recipient: string): Promise<string> {
    for (let attempt = 0; ; attempt += 1) {
      await page.goto(`${platform.url}/dev/mailbox`);
      await hydrated(page);
      await page.getByRole("heading", { name: "Development mailbox" }).waitFor();
      const link = page
        .locator("article.mail", { hasText: `To ${recipient}` })
        .locator("a[href*='/sign-in/']")
        .first();
      if ((await link.count()) > 0) return new URL((await link.getAttribute("href")) ?? "").pathname;
      if (attempt >= 20) throw new Error(`no sign-in link to ${recipient} in the mailbox`);
      await page.waitForTimeout(250);
    }
  }

  /** The "N reports" of the dist page's summary, read again as a reader's reload does (it is cached 5 s). */
  async function distReports(page: Page): Promise<string> {
    await page.reload();
    await hydrated(page);
    return (await page.locator(".card.summary .muted").textContent()) ?? "";
  }

  it("writes both ways live, and marks the report invalid and counts it again", async () => {
    const reportPath = `/report/${failure.id}`;
    const author = await signIn(authorBrowser, { pauseId: "andk" }, reportPath);
    const tester = await signIn(testerBrowser, { email: TESTER.email }, reportPath);
    const authorBox = author.page.getByRole("textbox", { name: "Write to the tester (markdown)" });
    const testerBox = tester.page.getByRole("textbox", { name: "Write to the author (markdown)" });
    await authorBox.waitFor();
    await testerBox.waitFor();
    // The tester's page has subscribed once its conversation is shown; give the socket its moment.
    await expect.poll(() => platform.events.subscribers(Topic.conversationUpdated), { timeout: 10_000 }).toBe(2);

    await authorBox.fill("Which **compiler** was it?");
    await author.page.getByRole("button", { name: "Send" }).click();
    // No reload: the message arrives through the conversationUpdated subscription.
    await tester.page.locator("article.message strong", { hasText: "compiler" }).waitFor({ timeout: 15_000 });
    await testerBox.fill("gcc 13, with `-O3`");
    await tester.page.getByRole("button", { name: "Send" }).click();
    await author.page.locator("article.message code", { hasText: "-O3" }).waitFor({ timeout: 15_000 });
    expect(await author.page.locator("article.message").count()).toBe(2);
    expect(await tester.page.getByText(TESTER.email).count()).toBe(0);

    const distPage = (await authorBrowser.open(`${platform.url}/dist/Foo-Bar`)).page;
    expect(await distReports(distPage)).toBe("All perls, 2 reports");
    await author.page.getByRole("textbox", { name: "Why is this report invalid?" }).fill("a broken compiler");
    await author.page.getByRole("button", { name: "Mark invalid" }).click();
    await author.page.getByText("Marked invalid by ANDK: a broken compiler").waitFor();
    expect(await distReports(distPage)).toBe("All perls, 1 reports");

    await author.page.getByRole("button", { name: "Count this report again" }).click();
    await author.page.getByRole("button", { name: "Mark invalid" }).waitFor();
    expect(await distReports(distPage)).toBe("All perls, 2 reports");
    expect(author.errors).toEqual([]);
    expect(tester.errors).toEqual([]);
  });

  it("adds a distribution's override from the keyboard, names a wrong field, and keeps it after a reload", async () => {
    const { page, errors } = await authorBrowser.open(`${platform.url}/settings/notifications`);
    await hydrated(page);
    await page.getByRole("heading", { name: "Notification settings for ANDK" }).waitFor();
    await page.getByRole("combobox", { name: "Distribution", exact: true }).focus();
    await page.keyboard.type("Foo-Bar");
    await page.keyboard.press("Enter");
    const form = page.getByRole("form", { name: "Override for Foo-Bar" });
    await form.getByLabel("How often").selectOption("report");
    await form.getByLabel("PASS").check();
    await form.getByLabel("All of them").check();
    await form.getByLabel("Versions", { exact: true }).selectOption("list");
    await form.getByRole("button", { name: "Save" }).click();
    // An empty version list is refused, and said beside its field.
    const versionList = form.getByLabel("Versions mailed");
    await expect.poll(() => versionList.getAttribute("aria-invalid")).toBe("true");
    const describedBy = (await versionList.getAttribute("aria-describedby")) ?? "";
    expect(await page.locator(`#${describedBy}`).textContent()).toMatch(/^versionList: expected at least one version/);

    await versionList.fill("1.00 1.01");
    await form.getByLabel("Never these platforms").fill("cygwin");
    await form.getByRole("button", { name: "Save" }).click();
    await form.getByRole("status").getByText("Saved.").waitFor();

    await page.reload();
    await hydrated(page);
    const item = page.getByRole("listitem").filter({ hasText: "Foo-Bar" });
    await item.waitFor();
    expect(await item.textContent()).toContain("Foo-Bar: every report; PASS, FAIL; all reports; versions: 1.00, 1.01");
    await page.getByRole("button", { name: "Edit Foo-Bar" }).click();
    const again = page.getByRole("form", { name: "Override for Foo-Bar" });
    expect(await again.getByLabel("Never these platforms").inputValue()).toBe("cygwin");
    expect(await again.getByLabel("How often").inputValue()).toBe("report");
    // The default is untouched by the override.
    const defaults = page.getByRole("form", { name: "Default for all distributions" });
    expect(await defaults.getByLabel("How often").inputValue()).not.toBe("report");

    await page.getByRole("button", { name: "Remove the override of Foo-Bar" }).click();
    await page.getByText("No distribution has settings of its own").waitFor();
    expect(errors).toEqual([]);
  });
});
