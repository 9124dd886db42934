import type { FastifyInstance } from "fastify";
import type { Db } from "../../db/client.js";
import { type ReleaseTotal, releaseTotalsOfDist } from "../../db/queries/report-feed.queries.js";
import { reportPage } from "../../db/queries/report.queries.js";
import { distributionsOfAuthor } from "../../db/queries/upload.queries.js";
import type { Grade } from "../../report/report.types.js";
import { FEED_PAGE_SIZE, feedTag, jsonArray, sendFeed } from "./feed.reply.js";
import { legacyReportRecord } from "./report.record.js";

/** A release whose reports a feed lists: those up to its newest report when the tag was made. */
interface FeedRelease {
  dist: string;
  version: string;
  throughId: number;
  /** Its report total then: with throughId, what the tag is made of. */
  reports: number;
}

const NOT_PASS: Grade[] = ["fail", "na", "unknown"];

/**
 * The reports of each release in turn, oldest first, a page per statement: a keyset walk of
 * reports_dist_version_idx (dist, version, id), through the query function GraphQL lists reports
 * with. Nothing but the current page is held, however many reports a distribution has.
 */
async function* releasePages(db: Db, feed: readonly FeedRelease[], grades?: Grade[]): AsyncIterable<string[]> {
  for (const { dist, version, throughId } of feed) {
    let after: number | undefined;
    for (;;) {
      const rows = await reportPage(
        db,
        { dist, version, ...(grades ? { grades } : {}) },
        { order: "asc", limit: FEED_PAGE_SIZE, ...(after === undefined ? {} : { after: { id: after } }) },
      );
      const page = rows.slice(0, FEED_PAGE_SIZE).filter(({ report }) => report.id <= throughId);
      yield page.map(({ report }) => JSON.stringify(legacyReportRecord(report)));
      const last = page.at(-1);
      if (!last || rows.length <= FEED_PAGE_SIZE || page.length < FEED_PAGE_SIZE) break;
      after = last.report.id;
    }
  }
}

const withReports = (totals: readonly ReleaseTotal[], dist: string): FeedRelease[] =>
  totals.flatMap(({ version, latestReportId, reports }) =>
    latestReportId === null ? [] : [{ dist, version, throughId: latestReportId, reports }],
  );

/**
 * The report feeds of the original site (cpantesters-web, Controller/Legacy.pm) that the CPAN
 * Testers Matrix and analysis tools read: every report of a distribution, and every report of
 * the newest release of each of an author's distributions. An unknown name is an empty list.
 */
export function registerReportFeeds(app: FastifyInstance, db: Db): void {
  const distFeed = async (dist: string) => {
    const totals = await releaseTotalsOfDist(db, dist);
    return {
      tag: feedTag(["dist", dist, totals]),
      contentType: "application/json; charset=utf-8",
      body: () => jsonArray(releasePages(db, withReports(totals, dist))),
    };
  };

  app.get<{ Params: { dist: string } }>("/show/:dist.json", async (request, reply) =>
    sendFeed(request, reply, await distFeed(request.params.dist)),
  );
  app.get<{ Params: { letter: string; dist: string } }>("/distro/:letter/:dist.json", async (request, reply) =>
    sendFeed(request, reply, await distFeed(request.params.dist)),
  );
  // The matrix links people to the original's pages (/show/{dist}.html): site/old-urls.route.ts.

  app.get<{ Params: { author: string } }>("/author/:author.json", async (request, reply) => {
    // `FOO-nopass` asks for the reports of FOO that did not pass.
    const nopass = /^(.+)-nopass$/.exec(request.params.author);
    const author = (nopass?.[1] ?? request.params.author).toUpperCase();
    const releases = await newestReleasesOf(db, author);
    return sendFeed(request, reply, {
      tag: feedTag(["author", author, Boolean(nopass), releases]),
      contentType: "application/json; charset=utf-8",
      body: () => jsonArray(releasePages(db, releases, nopass ? NOT_PASS : undefined)),
    });
  });
  // The original moved the per-letter address to the one above for good.
  app.get<{ Params: { letter: string; author: string } }>("/author/:letter/:author.json", (request, reply) =>
    reply.redirect(`/author/${encodeURIComponent(request.params.author)}.json`, 301),
  );
}

/**
 * The newest release of each of the author's distributions that has reports, by the same query
 * as the author dashboard: a page of distributions per statement (an author has hundreds, not
 * hundreds of thousands, so the whole list is held to make the tag).
 */
async function newestReleasesOf(db: Db, author: string): Promise<FeedRelease[]> {
  const releases: FeedRelease[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await distributionsOfAuthor(db, author, { limit: FEED_PAGE_SIZE, ...(after ? { after } : {}) });
    for (const { dist, latestRelease } of page.slice(0, FEED_PAGE_SIZE)) {
      if (latestRelease?.latestReportId) {
        const { version, latestReportId, pass, fail, na, unknown } = latestRelease;
        releases.push({ dist, version, throughId: latestReportId, reports: pass + fail + na + unknown });
      }
    }
    if (page.length <= FEED_PAGE_SIZE) return releases;
    after = page[FEED_PAGE_SIZE - 1]?.dist;
  }
}
