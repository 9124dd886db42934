import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testerWithToken, v3Report } from "./factories/report.factory.js";
import { testBackends } from "./helpers/database.js";
import { startTestPlatform, type TestPlatform } from "./helpers/server.js";

/** The HTML a client without JavaScript (curl, a crawler) gets holds each page's content. */
describe.each(testBackends())("server-rendered pages on $name", (backend) => {
  let platform: TestPlatform;
  const failing = v3Report({
    dist: "Data-Printer",
    version: "0.39",
    grade: "fail",
    perl: "5.40.1",
    osname: "linux",
    resource: "cpan:///distfile/GARU/Data-Printer-0.39.tar.gz",
  });
  failing.result.output = {
    test: "t/00-load.t .. ok\nt/01-dump.t .. \nnot ok 3 - dumps a hash\nFailed 1/12 subtests\n",
  };
  const passing = v3Report({ dist: "Data-Printer", version: "0.39", grade: "pass", perl: "5.38.2", osname: "darwin" });
  const html = async (path: string, headers: Record<string, string> = {}) => {
    const response = await fetch(`${platform.url}${path}`, { headers: { accept: "text/html", ...headers } });
    return { response, body: await response.text() };
  };

  beforeAll(async () => {
    platform = await startTestPlatform(backend);
    const token = await testerWithToken(platform.database.db);
    for (const report of [failing, passing]) {
      expect((await platform.submitReport(report, token)).status).toBe(201);
      await platform.processedReport(report.id);
    }
  });
  afterAll(() => platform.stop());

  it("renders a report with its grade, perl, OS, tester and output, never the e-mail", async () => {
    const { response, body } = await html(`/report/${failing.id}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/html/);
    expect(body).toMatch(/<title>FAIL Data-Printer 0\.39 on perl 5\.40\.1, linux · CPAN Testers<\/title>/);
    expect(body).toContain('<meta name="description" content="A CPAN Testers report: Data-Printer 0.39 fail');
    expect(body).toContain("Ada Tester");
    expect(body).toContain("x86_64-linux");
    expect(body).toContain('<mark id="failure-test" class="failure-line">not ok 3 - dumps a hash</mark>');
    expect(body).toContain('href="#failure-test"');
    expect(body).not.toContain("ada@example.org");
  });

  it("finds a report by its sequential id too", async () => {
    const found = await platform.graphql<{ report: { reportId: number } }>(
      `{ report(guid: "${passing.id}") { reportId } }`,
    );
    const reportId = found.data?.report.reportId;
    expect(reportId).toBeGreaterThan(0);
    const { response, body } = await html(`/report/${reportId}`);
    expect(response.status).toBe(200);
    expect(body).toContain(passing.id);
  });

  it("lets a report be cached, and answers 304 to its ETag", async () => {
    const { response } = await html(`/report/${failing.id}`);
    expect(response.headers.get("cache-control")).toBe("public, max-age=86400, immutable");
    const etag = response.headers.get("etag");
    expect(etag).toMatch(/^".+"$/);
    const again = await fetch(`${platform.url}/report/${failing.id}`, { headers: { "if-none-match": etag ?? "" } });
    expect(again.status).toBe(304);
  });

  it("answers an unknown report with the 404 page", async () => {
    const { response, body } = await html(`/report/${randomUUID()}`);
    expect(response.status).toBe(404);
    expect(body).toContain("<h1>Not found</h1>");
    expect((await html("/report/not-a-report")).response.status).toBe(404);
  });

  it("answers browsers at unknown addresses with the 404 page, API clients with JSON", async () => {
    const { response, body } = await html("/no/such/page");
    expect(response.status).toBe(404);
    expect(body).toContain("<h1>Not found</h1>");
    const api = await fetch(`${platform.url}/no/such/page`);
    expect(api.status).toBe(404);
    expect(await api.json()).toMatchObject({ statusCode: 404 });
  });

  it("renders a distribution: its title, counts, matrix and reports", async () => {
    const { response, body } = await html("/dist/Data-Printer");
    expect(response.status).toBe(200);
    expect(body).toContain("<title>Data-Printer 0.39 · CPAN Testers</title>");
    expect(body).toContain("2 reports: 1 pass, 1 fail");
    expect(body).toContain(
      '<span class="visually-hidden">perl 5.40 on linux: </span><span class="cell-share">0%</span>',
    );
    expect(body).toContain(`href="/report/${failing.id}"`);
    expect(body).toContain('href="https://metacpan.org/dist/Data-Printer"');
  });

  it("renders a distribution's report list filtered by the URL", async () => {
    const { body } = await html("/dist/Data-Printer/0.39?grade=pass");
    expect(body).toContain(`href="/report/${passing.id}"`);
    expect(body).not.toContain(`href="/report/${failing.id}"`);
  });

  it("answers an unknown distribution with a 404 page that suggests the known ones", async () => {
    const { response, body } = await html("/dist/Data-Printr");
    expect(response.status).toBe(404);
    expect(body).toContain('<a href="/dist/Data-Printer">Data-Printer</a>');
    expect((await html("/dist/Data-Printer/9.99")).response.status).toBe(404);
  });

  it("renders the home page with the reports arriving and search results", async () => {
    const { body } = await html("/?q=data-pr");
    expect(body).toContain("Results for “data-pr”");
    expect(body).toContain('<a href="/dist/Data-Printer">Data-Printer</a>');
    expect(body).toContain(`href="/report/${passing.id}"`);
  });

  it("serves the bundle's assets compressed and cacheable for a year", async () => {
    const { body } = await html("/");
    const script = /<script type="module" src="(\/assets\/[^"]+\.js)"/.exec(body)?.[1];
    expect(script).toBeDefined();
    const response = await fetch(`${platform.url}${script}`, { headers: { "accept-encoding": "gzip" } });
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toContain("immutable");
    expect(response.headers.get("content-type")).toMatch(/javascript/);
  });
});
