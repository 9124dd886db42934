import { describe, expect, it } from "vitest";
import { FIRST_LOAD_LIMIT_BYTES, firstLoadSizes } from "../scripts/web-bundle-size.js";
import { WEB_BUILD_DIR } from "../src/web/site.plugin.js";

/** Each page's first visit loads at most 150 KB of gzipped JavaScript (the global setup builds it). */
describe("the web app's JavaScript per page", () => {
  const sizes = firstLoadSizes(WEB_BUILD_DIR);

  it("measures every page", () => {
    expect([...sizes.keys()].sort()).toEqual(
      expect.arrayContaining([
        "pages/author/AuthorPage.tsx",
        "pages/blead/BleadPage.tsx",
        "pages/dist/DistPage.tsx",
        "pages/dist/WhyItFailsPage.tsx",
        "pages/failure/FailurePage.tsx",
        "pages/home/HomePage.tsx",
        "pages/not-found/NotFoundPage.tsx",
        "pages/recent/RecentPage.tsx",
        "pages/report/ReportPage.tsx",
        "pages/search/SearchPage.tsx",
        "pages/stats/StatsPage.tsx",
        "pages/tester/TesterPage.tsx",
      ]),
    );
  });

  it.each([...sizes])("%s loads at most 150 KB gzipped first", (_page, bytes) => {
    expect(bytes).toBeGreaterThan(10_000);
    expect(bytes).toBeLessThanOrEqual(FIRST_LOAD_LIMIT_BYTES);
  });
});
