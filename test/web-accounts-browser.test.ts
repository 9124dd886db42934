import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { settingsOf } from "../src/db/queries/notification.queries.js";
import { uploads } from "../src/db/schema/index.js";
import { chromiumPath, hydrated, launchBrowser, NO_CHROMIUM, type TestBrowser } from "./helpers/browser.js";
import { startTestPlatform, type TestPlatform } from "./helpers/server.js";

const chromium = chromiumPath();
// vitest.config.ts leaves browser tests out where no Chromium is found, except in CI, which needs them.
if (!chromium) throw new Error(NO_CHROMIUM);

/** Sign-in as a person does it on the embedded default: the form, the development mailbox, the link, the settings. */
describe("signing in through the development mailbox in Chromium", () => {
  let platform: TestPlatform;
  let browser: TestBrowser;

  beforeAll(async () => {
    platform = await startTestPlatform({ name: "pglite" }, { accounts: {} });
    await platform.database.db.insert(uploads).values({
      dist: "Foo-Bar",
      version: "1.00",
      author: "ANDK",
      filename: "Foo-Bar-1.00.tar.gz",
      releasedAt: new Date(),
    });
    browser = await launchBrowser(chromium);
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  it("asks for a link, follows it from the mailbox, and saves notification settings", async () => {
    const { page, errors } = await browser.open(`${platform.url}/sign-in?returnTo=/settings/notifications`);
    await hydrated(page);
    await page.getByRole("textbox", { name: "PAUSE id" }).fill("andk");
    await page.getByRole("button", { name: "Send me a link" }).click();
    await page.getByRole("status").getByText("a sign-in link is on its way").waitFor();

    await page.goto(`${platform.url}/dev/mailbox`);
    await hydrated(page);
    const link = page.locator("a[href*='/sign-in/']").first();
    await link.waitFor();
    const path = new URL((await link.getAttribute("href")) ?? "").pathname;
    await page.goto(`${platform.url}${path}`);
    expect(new URL(page.url()).pathname).toBe("/settings/notifications");
    await hydrated(page);
    await page.getByRole("heading", { name: "Notification settings for ANDK" }).waitFor();

    await page.getByLabel("How often").selectOption("weekly");
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByRole("status").getByText("Saved.").waitFor();
    const [saved] = await settingsOf(platform.database.db, "ANDK");
    expect(saved?.frequency).toBe("weekly");
    expect(errors).toEqual([]);

    // The same link a second time: the page says so (410) and offers a new one.
    const again = await page.goto(`${platform.url}${path}`);
    expect(again?.status()).toBe(410);
    expect(await page.getByRole("button", { name: "Send me a new link" }).count()).toBe(1);
  });
});
