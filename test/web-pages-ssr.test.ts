import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedWebData, ZOE } from "./factories/web-data.js";
import { testBackends } from "./helpers/database.js";
import { startTestPlatform, type TestPlatform } from "./helpers/server.js";

/** The author, tester, statistics and recent pages hold their content in the server's HTML. */
describe.each(testBackends())("server-rendered author, tester, stats and recent pages on $name", (backend) => {
  let platform: TestPlatform;
  let guids: string[];
  const html = async (path: string) => {
    const response = await fetch(`${platform.url}${path}`, { headers: { accept: "text/html" } });
    return { response, body: await response.text() };
  };

  beforeAll(async () => {
    platform = await startTestPlatform(backend);
    guids = (await seedWebData(platform.database.db)).map((report) => report.guid);
  });
  afterAll(() => platform.stop());

  it("renders an author's dashboard with counts, last reports and the Atom feed's link", async () => {
    const { response, body } = await html("/author/zed");
    expect(response.status).toBe(200);
    expect(body).toContain("<title>ZED · CPAN Testers</title>");
    expect(body).toContain(
      '<link rel="alternate" type="application/atom+xml" title="Failures of ZED" href="/author/ZED/feed.atom">',
    );
    for (const dist of ["Zed-Alpha", "Zed-Beta", "Zed-Gamma"]) expect(body).toContain(`<a href="/dist/${dist}">`);
    expect(body).not.toContain("Zeta-Func");
    // Zed-Alpha's latest release, 1.0: 2 pass, 2 fail, its last report's time in UTC before hydration.
    expect(body).toMatch(
      /data-dist="Zed-Alpha".*?<td>1\.0<\/td>.*?>pass<\/span> <!-- -->2<.*?>fail<\/span> <!-- -->2</s,
    );
    expect(body).toContain('<time dateTime="2026-01-04T22:30:01.000Z" title="2026-01-04 22:30:01 UTC">');
  });

  it("renders the dashboard sorted and filtered as the URL says", async () => {
    const order = (body: string) => [...body.matchAll(/data-dist="([^"]+)"/g)].map((match) => match[1]);
    expect(order((await html("/author/ZED?sort=last-report")).body)).toEqual(["Zed-Beta", "Zed-Alpha", "Zed-Gamma"]);
    expect(order((await html("/author/ZED?sort=failures&failing=1")).body)).toEqual(["Zed-Alpha"]);
  });

  it("answers an unknown author with the 404 page and suggestions", async () => {
    const { response, body } = await html("/author/ZEDX");
    expect(response.status).toBe(404);
    expect(body).toContain("<h1>Not found</h1>");
    expect(body).toContain('href="/author/ZED"');
  });

  it("renders a tester's machines and reports, never the e-mail", async () => {
    const { response, body } = await html(`/tester/${ZOE.id}`);
    expect(response.status).toBe(200);
    expect(body).toContain("<title>Zoe Smoker · CPAN Testers</title>");
    expect(body).toContain("<code>x86_64-MSWin32</code>");
    for (const index of [0, 1, 2, 4]) expect(body).toContain(`href="/report/${guids[index]}"`);
    expect(body).not.toContain(`href="/report/${guids[3]}"`);
    expect(body).not.toContain(ZOE.email);
    expect((await html("/tester/00000000-0000-0000-0000-000000000000")).response.status).toBe(404);
  });

  it("renders the statistics of the last 24 months with the numbers behind each chart", async () => {
    const { response, body } = await html("/stats");
    expect(response.status).toBe(200);
    expect(body).toContain("<title>Statistics · CPAN Testers</title>");
    for (const heading of [
      "Reports per month",
      "Testers per month",
      "OS share",
      "Perl series share",
      "Trends by OS",
      "When reports arrive",
      "OS × perl",
      "Most failing releases",
    ]) {
      expect(body).toContain(`${heading}</h2>`);
    }
    expect(body).toContain('href="/dist/Zed-Alpha/1.0"');
  });

  it("renders the recent reports, filtered like the lists", async () => {
    const all = await html("/recent");
    expect(all.response.status).toBe(200);
    for (const guid of guids) expect(all.body).toContain(`href="/report/${guid}"`);
    expect(all.body).toContain(`href="/tester/${ZOE.id}"`);
    const failing = await html("/recent?grade=fail&os=linux");
    expect(failing.body).toContain(`href="/report/${guids[2]}"`);
    expect(failing.body).toContain(`href="/report/${guids[6]}"`);
    for (const index of [0, 1, 3, 4, 5]) expect(failing.body).not.toContain(`href="/report/${guids[index]}"`);
  });
});
