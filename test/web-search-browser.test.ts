import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedPlantedFailures as seed } from "./factories/planted-pages.factory.js";
import { chromiumPath, hydrated, launchBrowser, NO_CHROMIUM, type TestBrowser } from "./helpers/browser.js";
import { startTestPlatform, type TestPlatform } from "./helpers/server.js";

const chromium = chromiumPath();
if (!chromium) throw new Error(NO_CHROMIUM);

/** Typing a search in a real Chromium: results come without a reload, the URL follows, "more" pages on. */
describe("the search page in Chromium", () => {
  let platform: TestPlatform;
  let browser: TestBrowser;

  beforeAll(async () => {
    platform = await startTestPlatform({ name: "pglite" }, { etl: false });
    await seed(platform);
    browser = await launchBrowser(chromium);
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  it("searches from the keyboard and shows highlighted results", async () => {
    const { page, errors } = await browser.open(`${platform.url}/search`);
    await hydrated(page);
    const input = page.getByLabel("Text in the output");
    await input.focus();
    await page.keyboard.type("net/ghost.pm");
    await page.keyboard.press("Enter");
    await page.waitForSelector("li.search-hit mark");
    expect(await page.locator("li.search-hit").count()).toBe(13);
    expect(await page.locator("li.search-hit mark").first().textContent()).toBe("Net/Ghost.pm");
    expect(new URL(page.url()).searchParams.get("q")).toBe("net/ghost.pm");
    await page.locator('form.search-form select[name="grade"]').selectOption("FAIL");
    const dist = page.locator('form.search-form input[name="dist"]');
    await dist.fill("Planted-Ghost-C");
    await dist.press("Enter");
    await page.waitForFunction('document.querySelectorAll("li.search-hit").length === 3');
    expect(await page.locator("li.search-hit a[href^='/dist/Planted-Ghost-C/']").count()).toBe(3);

    // More hits than a page: "More results" appends the next page below the first.
    await page.goto(`${platform.url}/search?q=t%2Faccessors.t`);
    await hydrated(page);
    expect(await page.locator("li.search-hit").count()).toBe(20);
    await page.getByRole("button", { name: "More results" }).click();
    await page.waitForFunction('document.querySelectorAll("li.search-hit").length > 20');
    const reports: (string | null)[] = [];
    for (const hit of await page.locator("li.search-hit").all()) reports.push(await hit.getAttribute("data-report-id"));
    expect(new Set(reports).size).toBe(reports.length);
    expect(errors).toEqual([]);
  });
});
