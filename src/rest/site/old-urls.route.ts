import type { FastifyInstance } from "fastify";
import type { Db } from "../../db/client.js";
import { findReportsByIds } from "../../db/queries/report.queries.js";
import { notFound } from "../../errors/index.js";
import { isUuid } from "../../report/index.js";

/** The largest report id the old site's numeric addresses can hold (a Postgres bigint). */
const MAX_REPORT_ID = Number.MAX_SAFE_INTEGER;

const dist = (name: string) => `/dist/${encodeURIComponent(name)}`;
const author = (pauseId: string) => `/author/${encodeURIComponent(pauseId.toUpperCase())}`;
/** The page name without its `.html`, as the old site's static pages were named. */
const page = (name: string) => name.replace(/\.html$/, "");

/**
 * The addresses of the original site's pages, moved for good (301) to the pages that replace
 * them, so that links and bookmarks from two decades keep working: reports by GUID or by their
 * old numeric id, distributions and authors under their initial letter. The JSON feeds at the
 * same places are served as they were (legacy/).
 */
export function registerOldUrls(app: FastifyInstance, db: Db): void {
  app.get<{ Params: { id: string } }>("/cpan/report/:id", async (request, reply) => {
    const { id } = request.params;
    if (isUuid(id)) return reply.redirect(`/report/${id.toLowerCase()}`, 301);
    // The first site numbered its reports; those numbers are the ids reports keep here.
    const number = /^[0-9]{1,16}$/.test(id) ? Number(id) : NaN;
    if (!Number.isSafeInteger(number) || number < 1 || number > MAX_REPORT_ID) {
      throw notFound(`no report ${id}: a report is named by its GUID or its number`);
    }
    const [report] = await findReportsByIds(db, [number]);
    if (!report) throw notFound(`no report ${id}`);
    return reply.redirect(`/report/${report.guid}`, 301);
  });

  app.get<{ Params: { dist: string } }>("/show/:dist.html", (request, reply) =>
    reply.redirect(dist(request.params.dist), 301),
  );
  // The old per-distribution RSS lives on as the distribution's Atom feed.
  app.get<{ Params: { dist: string } }>("/show/:dist.rss", (request, reply) =>
    reply.redirect(`${dist(request.params.dist)}/feed.atom`, 301),
  );
  app.get<{ Params: { letter: string; dist: string } }>("/distro/:letter/:dist.html", (request, reply) =>
    reply.redirect(dist(request.params.dist), 301),
  );
  // `/author/G/GARU` and `/author/G/GARU.html`: the letter is one character, so that nothing else
  // under an author's page moves. `/author/GARU/feed.atom` is a static segment and never reaches
  // here, nor does `/author/G/GARU.json` (a legacy feed).
  app.get<{ Params: { letter: string; author: string } }>("/author/:letter/:author", async (request, reply) => {
    const { letter, author: pauseId } = request.params;
    if (!/^[A-Za-z0-9]$/.test(letter)) throw notFound(`no page at /author/${letter}/${pauseId}`);
    return reply.redirect(author(page(pauseId)), 301);
  });
  app.get<{ Params: { author: string } }>("/author/:author.html", (request, reply) =>
    reply.redirect(author(request.params.author), 301),
  );
}
