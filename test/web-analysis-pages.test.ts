import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PLANTED } from "../bench/generate/planted-causes.js";
import { seedPlantedFailures as seed } from "./factories/planted-pages.factory.js";
import { graphql } from "./generated/index.js";
import { testBackends } from "./helpers/database.js";
import { startTestPlatform, type TestPlatform } from "./helpers/server.js";

const GHOST = graphql(`
  query GhostFailures($text: String!, $dist: String) {
    searchReports(text: $text, dist: $dist, first: 1) {
      nodes {
        report {
          guid
          failures {
            signature {
              id
            }
            otherReports
          }
        }
      }
    }
  }
`);

/** The search, why-it-fails, failure, report and blead pages hold their content in the server's HTML. */
describe.each(testBackends())("server-rendered failure analysis pages on $name", (backend) => {
  let platform: TestPlatform;
  const html = async (path: string) => {
    const response = await fetch(`${platform.url}${path}`, { headers: { accept: "text/html" } });
    return { response, body: await response.text() };
  };

  beforeAll(async () => {
    platform = await startTestPlatform(backend, { etl: false });
    await seed(platform);
  });
  afterAll(() => platform.stop());

  it("searches reports' output with highlighted excerpts and filters from the URL", async () => {
    const { response, body } = await html(`/search?q=${encodeURIComponent("net/ghost.pm")}`);
    expect(response.status).toBe(200);
    expect(body).toContain("<title>“net/ghost.pm” · Search · CPAN Testers</title>");
    expect(body).toContain("<mark>Net/Ghost.pm</mark>");
    for (const dist of [...PLANTED.recurring.dists, "Planted-Hostile"]) expect(body).toContain(`href="/dist/${dist}/`);
    expect(body).not.toContain("Planted-Decoy");
    // The markup in the output is text on the page, never elements.
    expect(body).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
    expect(body).not.toContain("<img src=x");
    expect(body).not.toContain("<b>bold</b>");

    const filtered = (await html(`/search?q=Net/Ghost.pm&dist=Planted-Ghost-B&grade=FAIL`)).body;
    expect(filtered).toContain('href="/dist/Planted-Ghost-B/0.01"');
    expect(filtered).not.toContain('href="/dist/Planted-Ghost-A/0.01"');
    expect(filtered).toMatch(/<option value="FAIL" selected="">fail<\/option>/);
  });

  it("asks for more text rather than failing, and is linked from the header, the dist and stats pages", async () => {
    const short = await html("/search?q=ab");
    expect(short.response.status).toBe(200);
    expect(short.body).toContain("Type at least 3 characters.");
    const long = await html(`/search?q=${"x".repeat(201)}`);
    expect(long.response.status).toBe(200);
    expect(long.body).toContain("Search for at most 200 characters.");
    expect((await html("/search")).body).toContain('<a href="/search">Search</a>');

    const dist = (await html(`/dist/${PLANTED.recurring.dists[0]}`)).body;
    expect(dist).toContain('action="/search"');
    expect(dist).toContain(`<input type="hidden" name="dist" value="${PLANTED.recurring.dists[0]}"/>`);
    const stats = (await html("/stats")).body;
    expect(stats).toContain('action="/search"');
    expect(stats).not.toContain('type="hidden" name="dist"');
  });

  it("explains why a release fails: the breaking prerequisite, the factors with their evidence, the signatures", async () => {
    const { dist, version, module, breaking } = PLANTED.prerequisite;
    // The distribution's page links the analysis, which it loads once live; its own page renders it.
    const distPage = (await html(`/dist/${dist}/${version}`)).body;
    expect(distPage).toContain("Why it fails</h2>");
    expect(distPage).toContain(`href="/dist/${dist}/${version}/why"`);
    expect(distPage).not.toContain('data-why="factors"');
    const { response, body } = await html(`/dist/${dist}/${version}/why`);
    expect(response.status).toBe(200);
    expect(body).toContain(`<title>Why ${dist} ${version} fails · CPAN Testers</title>`);
    expect(body).toContain("Why it fails</h2>");
    expect(body).toContain(`Fails with <!-- -->${module}<!-- --> ≥ <!-- -->${breaking}`);
    expect(body).toMatch(new RegExp(`data-why="factors".*?${module} ≥ ${breaking.replace(/\./g, "\\.")}`, "s"));
    expect(body).toContain("p (adjusted)");
    expect(body).toMatch(/data-why="signatures".*?href="\/failure\/[0-9a-f]{16}".*?undefined-subroutine/s);
    expect(body).toContain("t/accessors.t");
    expect(body).toMatch(/href="\/report\/[0-9a-f-]{36}" title="fail on perl /);
  });

  it("shows flaky machines without their e-mail, the regression, and one line for a release without failures", async () => {
    const flaky = (await html(`/dist/${PLANTED.flaky.dist}/${PLANTED.flaky.version}/why`)).body;
    expect(flaky).toContain("Flaky machines</h3>");
    expect(flaky).toMatch(
      /data-why="flaky".*?Perl <!-- -->5\.38\.2<!-- --> on <!-- -->linux.*?1<!-- --> fail, <!-- -->1<!-- --> pass/s,
    );
    expect(flaky).not.toContain("flo@example.org");

    const { dist, version, previous, osname } = PLANTED.regression;
    const regressed = (await html(`/dist/${dist}/${version}/why`)).body;
    expect(regressed).toContain(`Regression<!-- --> since ${previous}</h3>`);
    expect(regressed).toMatch(new RegExp(`perl <!-- -->5\\.38<!-- --> on <!-- -->${osname}`));

    // Without failures the distribution's page says so at once, and asks for no analysis.
    const passing = (await html(`/dist/${dist}/${previous}`)).body;
    expect(passing).toContain('data-why="none"');
    expect(passing).not.toContain("Why it fails</h2>");
    expect((await html(`/dist/${dist}/${previous}/why`)).body).toContain('data-why="none"');
    expect((await html(`/dist/${dist}/0.00-nonesuch/why`)).response.status).toBe(404);
  });

  it("counts the other reports failing the same way on a report's page, linking to the failure's page", async () => {
    const { data, errors } = await platform.graphql(GHOST, {
      text: "Net/Ghost.pm",
      dist: PLANTED.recurring.dists[0],
    });
    expect(errors).toBeUndefined();
    const report = data?.searchReports.nodes[0]?.report;
    const failure = report?.failures[0];
    if (!report || !failure) throw new Error("no failing report of the recurring failure");
    expect(failure.otherReports).toBeGreaterThan(1);

    const { body } = await html(`/report/${report.guid}`);
    expect(body).toContain("How it failed</h2>");
    expect(body).toContain(
      `<a href="/failure/${failure.signature.id}">${failure.otherReports}<!-- --> other report<!-- -->s<!-- --> fail<!-- --> the same way</a>`,
    );

    const page = await html(`/failure/${failure.signature.id}`);
    expect(page.response.status).toBe(200);
    expect(page.body).toContain("Net/Ghost.pm");
    expect(page.body).toMatch(/href="\/search\?q=[^"]*Ghost/);
    expect(page.body).toContain("Reports failing this way</h2>");
    const listed = [...page.body.matchAll(/<li data-report-id="(\d+)"/g)].map((match) => Number(match[1]));
    expect(listed).toHaveLength(failure.otherReports + 1);
    expect(listed).toEqual([...listed].sort((a, b) => b - a));
    expect(page.body).toContain(`href="/report/${report.guid}"`);
    expect((await html("/failure/0123456789abcdef")).response.status).toBe(404);
    expect((await html("/failure/not-a-signature")).response.status).toBe(404);
  });

  it("lists what blead breaks: the newest development perl against the newest stable one by default", async () => {
    const { response, body } = await html("/blead");
    expect(response.status).toBe(200);
    expect(body).toContain("<title>Blead breaks CPAN: perl 5.41 · CPAN Testers</title>");
    const rows = [...body.matchAll(/<tr data-dist="([^"]+)"/g)].map((match) => match[1]);
    expect(rows.sort()).toEqual([...PLANTED.blead.dists]);
    expect(body).toContain('href="/dist/Planted-Blead-A/0.10"');
    expect(body).toContain('<a href="/blead">Blead</a>');
    // A stable series nothing passes on against 5.41: none listed; an unknown one falls back to the newest.
    expect((await html("/blead?perl=5.41&stable=5.36")).body).not.toContain("<tr data-dist=");
    expect((await html("/blead?perl=9.99&stable=5.40")).body).toContain('<tr data-dist="Planted-Blead-A"');
  });
});
