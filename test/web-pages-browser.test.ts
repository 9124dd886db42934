import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Topic } from "../src/events/index.js";
import { testerWithToken, v3Report } from "./factories/report.factory.js";
import { seedWebData, ZOE } from "./factories/web-data.js";
import { chromiumPath, hydrated, launchBrowser, NO_CHROMIUM, type TestBrowser } from "./helpers/browser.js";
import { startTestPlatform, type TestPlatform } from "./helpers/server.js";
import { waitForSubscribers } from "./helpers/subscriber.js";

const chromium = chromiumPath();
// vitest.config.ts leaves browser tests out where no Chromium is found, except in CI, which needs them.
if (!chromium) throw new Error(NO_CHROMIUM);

/**
 * The author, tester, statistics and recent pages in a real Chromium: the dashboard sorts and
 * filters from the keyboard and takes a new report live, the tester's machines show, the charts
 * are drawn, and the recent stream filters and grows as reports are counted; no page logs an error.
 */
describe("the author, tester, stats and recent pages in Chromium", () => {
  let platform: TestPlatform;
  let browser: TestBrowser;
  let token: string;

  const submitFailure = async (dist: string, version: string) => {
    const report = v3Report({ dist, version, grade: "fail", perl: "5.40.1", created: new Date().toISOString() });
    expect((await platform.submitReport(report, token)).status).toBe(201);
    await platform.processedReport(report.id);
    return report;
  };

  beforeAll(async () => {
    platform = await startTestPlatform({ name: "pglite" });
    await seedWebData(platform.database.db);
    token = await testerWithToken(platform.database.db);
    browser = await launchBrowser(chromium);
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  it("author: sorts and filters from the keyboard, links its feed, and takes a new failure live", async () => {
    await waitForSubscribers(platform.events, Topic.reportProcessed, 0);
    const { page, errors } = await browser.open(`${platform.url}/author/ZED`);
    await hydrated(page);
    expect(await page.locator('link[rel="alternate"][type="application/atom+xml"]').getAttribute("href")).toBe(
      "/author/ZED/feed.atom",
    );
    const rows = page.locator("table.author-dists tbody tr");
    const names = async () => {
      const names: (string | null)[] = [];
      for (const row of await rows.all()) names.push(await row.getAttribute("data-dist"));
      return names;
    };
    expect(await names()).toEqual(["Zed-Alpha", "Zed-Beta", "Zed-Gamma"]);

    await page.getByLabel("Sort by").selectOption("LAST_REPORT");
    await expect.poll(names).toEqual(["Zed-Beta", "Zed-Alpha", "Zed-Gamma"]);
    expect(page.url()).toContain("sort=last-report");
    const failing = page.getByLabel("Only with failures");
    await failing.focus();
    await page.keyboard.press("Space");
    await expect.poll(names).toEqual(["Zed-Alpha"]);
    expect(page.url()).toContain("failing=1");
    await page.keyboard.press("Space");
    await expect.poll(names).toEqual(["Zed-Beta", "Zed-Alpha", "Zed-Gamma"]);

    await waitForSubscribers(platform.events, Topic.reportProcessed, 1);
    await submitFailure("Zed-Beta", "2.0");
    const beta = page.locator('tr[data-dist="Zed-Beta"] .count.grade-fail');
    await expect.poll(() => beta.textContent(), { timeout: 15_000 }).toContain("1");
    expect(await page.locator(".live-note").textContent()).toContain("1 new report");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("tester: the machines with their counts and the reports, never the e-mail", async () => {
    const { page, errors } = await browser.open(`${platform.url}/tester/${ZOE.id}`);
    await hydrated(page);
    expect(await page.locator("h1").textContent()).toBe("Zoe Smoker");
    expect(await page.locator("table.tester-machines tbody tr").count()).toBe(3);
    expect(await page.locator("table.report-list tbody tr").count()).toBe(4);
    expect(await page.content()).not.toContain(ZOE.email);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("stats: every chart drawn, with its numbers a click away", async () => {
    const { page, errors } = await browser.open(`${platform.url}/stats`);
    await hydrated(page);
    // Reports per month, testers per month and the two trends.
    await expect.poll(() => page.locator(".stats-chart canvas").count()).toBeGreaterThanOrEqual(4);
    const numbers = page.locator(".stats-chart details").first();
    await numbers.locator("summary").click();
    expect(await numbers.locator("tbody tr").count()).toBe(24);
    expect(await page.locator("table.week-hours tbody tr").count()).toBe(7);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("recent: filtered like the lists, and growing as reports are counted", async () => {
    await waitForSubscribers(platform.events, Topic.reportProcessed, 0);
    const { page, errors } = await browser.open(`${platform.url}/recent`);
    await hydrated(page);
    const rows = page.locator("table.recent-list tbody tr");
    expect(await rows.count()).toBe(8);
    await page.getByLabel("Grade").selectOption("FAIL");
    await expect.poll(() => rows.count()).toBe(4);
    expect(page.url()).toContain("grade=fail");

    await waitForSubscribers(platform.events, Topic.reportProcessed, 1);
    const late = await submitFailure("Zed-Alpha", "1.0");
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(5);
    expect(await rows.first().innerHTML()).toContain(`/report/${late.id}`);
    expect(await page.locator(".live-note").textContent()).toContain("1 new report");
    expect(errors).toEqual([]);
    await page.close();
  });
});
