import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Db } from "../../db/client.js";
import { newestReportsOfReleases, releaseTotalsOfDist } from "../../db/queries/report-feed.queries.js";
import { distributionsOfAuthor } from "../../db/queries/upload.queries.js";
import { notFound } from "../../errors/index.js";
import { feedTag, sendFeed } from "../legacy/feed.reply.js";
import { ATOM_FEED_ENTRIES, atomFeed, type AtomFeedSpec } from "./atom-feed.js";

const ATOM = "application/atom+xml; charset=utf-8";
/** Distributions of an author read per statement while finding their latest releases. */
const DASHBOARD_PAGE = 500;

/** `https://host` as the client asked for it: feeds carry absolute links. */
function originOf(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}

async function sendAtom(request: FastifyRequest, reply: Parameters<typeof sendFeed>[1], spec: AtomFeedSpec) {
  // The entries make the tag: the feed changes exactly when one arrives or leaves the window.
  return sendFeed(request, reply, {
    tag: feedTag(["atom", spec.self, spec.reports.map((report) => report.id)]),
    contentType: ATOM,
    body: async function* () {
      yield atomFeed(spec);
    },
  });
}

/** The latest release of each of an author's distributions, or null for an author with no upload. */
async function latestReleasesOf(db: Db, author: string): Promise<{ dist: string; version: string }[] | null> {
  const latest: { dist: string; version: string }[] = [];
  let seen = 0;
  let after: string | undefined;
  for (;;) {
    const page = await distributionsOfAuthor(db, author, { limit: DASHBOARD_PAGE, ...(after ? { after } : {}) });
    for (const { latestRelease } of page.slice(0, DASHBOARD_PAGE)) {
      if (latestRelease) latest.push({ dist: latestRelease.dist, version: latestRelease.version });
    }
    seen += Math.min(page.length, DASHBOARD_PAGE);
    if (page.length <= DASHBOARD_PAGE) return seen === 0 ? null : latest;
    after = page[DASHBOARD_PAGE - 1]?.dist;
  }
}

/**
 * Atom feeds for feed readers: an author's new failures (the FAIL reports of the latest release
 * of each of their distributions), and a distribution's newest reports, newest first, each entry
 * linking to /report/{guid}. Conditional GET with ETag, as the legacy feeds.
 */
export function registerAtomFeeds(app: FastifyInstance, db: Db): void {
  app.get<{ Params: { author: string } }>("/author/:author/feed.atom", async (request, reply) => {
    const author = request.params.author.toUpperCase();
    const releases = await latestReleasesOf(db, author);
    if (!releases) throw notFound(`no author ${author} has uploaded anything`);
    const origin = originOf(request);
    const page = `${origin}/author/${encodeURIComponent(author)}`;
    return sendAtom(request, reply, {
      title: `CPAN Testers: failures of ${author}`,
      description: `FAIL reports of the latest release of each distribution of ${author}, newest first.`,
      self: `${page}/feed.atom`,
      page,
      origin,
      reports: await newestReportsOfReleases(db, releases, ATOM_FEED_ENTRIES, ["fail"]),
    });
  });

  app.get<{ Params: { dist: string } }>("/dist/:dist/feed.atom", async (request, reply) => {
    const { dist } = request.params;
    const releases = (await releaseTotalsOfDist(db, dist)).filter((release) => release.latestReportId !== null);
    if (releases.length === 0) throw notFound(`distribution ${dist} has no reports`);
    const origin = originOf(request);
    const page = `${origin}/dist/${encodeURIComponent(dist)}`;
    return sendAtom(request, reply, {
      title: `CPAN Testers: ${dist}`,
      description: `The newest test reports of every release of ${dist}, newest first.`,
      self: `${page}/feed.atom`,
      page,
      origin,
      reports: await newestReportsOfReleases(
        db,
        releases.map(({ version }) => ({ dist, version })),
        ATOM_FEED_ENTRIES,
      ),
    });
  });
}
