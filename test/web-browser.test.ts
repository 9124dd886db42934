import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Topic } from "../src/events/index.js";
import { TokenScope } from "../src/db/schema/index.js";
import { testerWithToken, v3Report } from "./factories/report.factory.js";
import { chromiumPath, hydrated, launchBrowser, NO_CHROMIUM, type TestBrowser } from "./helpers/browser.js";
import { startTestPlatform, type TestPlatform } from "./helpers/server.js";
import { waitForSubscribers } from "./helpers/subscriber.js";

const chromium = chromiumPath();
// vitest.config.ts leaves browser tests out where no Chromium is found, except in CI, which needs them.
if (!chromium) throw new Error(NO_CHROMIUM);

/**
 * The web app in a real Chromium against a platform started here and seeded through its own
 * intake: each page shows its data, filters and the matrix narrow the report list, a report
 * submitted while a distribution is open shows up there, and no page logs an error.
 */
describe("the web app in Chromium", () => {
  let platform: TestPlatform;
  let browser: TestBrowser;
  let token: string;
  const reports = [
    { grade: "pass", perl: "5.40.1", osname: "linux" },
    { grade: "pass", perl: "5.40.1", osname: "darwin" },
    { grade: "fail", perl: "5.38.2", osname: "linux" },
    { grade: "pass", perl: "5.38.2", osname: "MSWin32" },
    { grade: "na", perl: "5.36.0", osname: "linux" },
  ].map((spec) =>
    v3Report({
      dist: "Data-Printer",
      version: "1.002",
      ...(spec as { grade: "pass" }),
      created: new Date().toISOString(),
    }),
  );
  const failing = reports[2]!;
  failing.result.output = { test: "t/01-dump.t .. \nnot ok 2 - dumps nested hashes\nFailed 1/9 subtests\n" };

  const submit = async (report: ReturnType<typeof v3Report>) => {
    expect((await platform.submitReport(report, token)).status).toBe(201);
    await platform.processedReport(report.id);
  };

  beforeAll(async () => {
    platform = await startTestPlatform({ name: "pglite" });
    token = await testerWithToken(platform.database.db, [TokenScope.submitReports, TokenScope.writeUploads]);
    const upload = await fetch(`${platform.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({
        query:
          'mutation { addUpload(distfile: "GARU/Data-Printer-1.002.tar.gz", releasedAt: "2026-11-28T10:00:00Z") { outcome } }',
      }),
    });
    expect(await upload.json()).toMatchObject({ data: { addUpload: { outcome: "ADDED" } } });
    for (const report of reports) await submit(report);
    browser = await launchBrowser(chromium);
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  it("home: the numbers, the reports arriving, and search by distribution and by author", async () => {
    const { page, errors } = await browser.open(`${platform.url}/`);
    await hydrated(page);
    await expect(page.title()).resolves.toContain("CPAN Testers");
    expect(await page.locator(".number-value").first().textContent()).toBe("5");
    expect(await page.locator('[aria-labelledby="arriving-heading"] li').count()).toBe(5);
    expect(await page.locator('[aria-labelledby="uploads-heading"] li').textContent()).toContain("Data-Printer 1.002");
    const search = page.getByRole("combobox").last();
    await search.fill("data-pr");
    await page.getByRole("option", { name: /Data-Printer/ }).waitFor();
    await search.fill("gar");
    await page.getByRole("option", { name: /GARU/ }).waitFor();
    await search.press("ArrowDown");
    await search.press("Enter");
    await page.waitForURL(/\/author\/GARU$/);
    expect(errors.filter((e) => !/status of 404/.test(e))).toEqual([]);
    await page.close();
  });

  it("dist: versions, counts, matrix; a filter and a matrix cell narrow the list", async () => {
    const { page, errors } = await browser.open(`${platform.url}/dist/Data-Printer`);
    await hydrated(page);
    expect(await page.title()).toBe("Data-Printer 1.002 · CPAN Testers");
    const rows = page.locator("table.report-list tbody tr");
    expect(await rows.count()).toBe(5);
    expect(await page.locator(".summary .count.grade-pass").textContent()).toContain("3");
    expect(await page.locator("table.versions tbody tr").count()).toBe(1);
    // Why it fails is not in the server's HTML: the live page asks for it.
    await expect.poll(() => page.locator("[data-why]").count()).toBeGreaterThan(0);

    await page.getByLabel("Grade").selectOption("FAIL");
    await expect.poll(() => rows.count()).toBe(1);
    expect(page.url()).toContain("grade=fail");
    await page.getByRole("button", { name: "Clear filters" }).click();
    await expect.poll(() => rows.count()).toBe(5);

    await page.getByRole("button", { name: /perl 5\.40 on linux/ }).click();
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain("5.40.1");
    expect(page.url()).toMatch(/series=5\.40.*os=linux|os=linux.*series=5\.40/);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("dist: a report submitted while the page is open appears, and the counts change", async () => {
    // The earlier tests' pages are closed: once their sockets are gone, this page's is the one.
    await waitForSubscribers(platform.events, Topic.reportProcessed, 0);
    const { page, errors } = await browser.open(`${platform.url}/dist/Data-Printer`);
    await hydrated(page);
    const rows = page.locator("table.report-list tbody tr");
    const before = await rows.count();
    const summary = page.locator(".summary");
    expect(await summary.textContent()).toContain(`${before} reports`);
    await waitForSubscribers(platform.events, Topic.reportProcessed, 1);
    const late = v3Report({
      dist: "Data-Printer",
      version: "1.002",
      grade: "fail",
      perl: "5.40.1",
      osname: "freebsd",
      created: new Date().toISOString(),
    });
    await submit(late);
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(before + 1);
    await expect.poll(() => summary.textContent()).toContain(`${before + 1} reports`);
    expect(await page.locator(".live-note").textContent()).toContain("1 new report");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("report: the facts, the failing line one click away, the raw JSON", async () => {
    const { page, errors } = await browser.open(`${platform.url}/report/${failing.id}`);
    await hydrated(page);
    expect(await page.title()).toContain("FAIL Data-Printer 1.002 on perl 5.38.2");
    expect(await page.locator(".facts").textContent()).toContain("Ada Tester");
    await page.getByRole("link", { name: /Jump to the first failure/ }).click();
    expect(page.url()).toContain("#failure-test");
    expect(await page.locator("#failure-test").textContent()).toBe("not ok 2 - dumps nested hashes");
    await page.getByText("Raw JSON").click();
    expect(await page.locator("pre.json").textContent()).toContain(failing.id);
    expect(await page.content()).not.toContain("ada@example.org");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("404: an unknown distribution gets the not-found page with suggestions", async () => {
    const page = await browser.context.newPage();
    const response = await page.goto(`${platform.url}/dist/Data-Printr`);
    expect(response?.status()).toBe(404);
    await hydrated(page);
    expect(await page.locator("h1").textContent()).toBe("Not found");
    await page.getByRole("link", { name: "Data-Printer" }).click();
    await page.waitForURL(/\/dist\/Data-Printer$/);
    await page.close();
  });
});
