import { Feed } from "feed";
import type { FeedEntryReport } from "../../db/queries/report-feed.queries.js";
import { reporterName } from "../../report/index.js";

/** Entries an Atom feed holds: the newest, enough for a reader that polls every few minutes. */
export const ATOM_FEED_ENTRIES = 50;

export interface AtomFeedSpec {
  title: string;
  description: string;
  /** The absolute address of the feed itself (its id and rel="self"). */
  self: string;
  /** The absolute address of the page the feed follows (rel="alternate"). */
  page: string;
  /** Where the site is, for the entries' links: `https://host`. */
  origin: string;
  reports: readonly FeedEntryReport[];
}

/** The tester's name from `Name <email>`; nothing for a bare address, which is never shown. */
export function testerName(tester: string): string | undefined {
  return reporterName(tester) ?? undefined;
}

/** One line for a report: `FAIL Foo-Bar 1.0 on perl 5.38.0, linux`. */
export function entryTitle(report: FeedEntryReport): string {
  return `${report.grade.toUpperCase()} ${report.dist} ${report.version} on perl ${report.perl}, ${report.osname}`;
}

/**
 * An Atom 1.0 document (RFC 4287) of reports, newest first, each entry linking to the report's
 * page. `updated` is the newest entry's time, so the document changes only when its reports do.
 */
export function atomFeed(spec: AtomFeedSpec): string {
  const newest = spec.reports[0]?.submittedAt ?? new Date(0);
  const feed = new Feed({
    id: spec.self,
    title: spec.title,
    description: spec.description,
    link: spec.page,
    updated: newest,
    generator: "CPAN Testers",
    feedLinks: { atom: spec.self },
    // Atom wants an author for the feed when an entry has none (testers who gave no name).
    author: { name: "CPAN Testers" },
  });
  for (const report of spec.reports) {
    const name = testerName(report.tester);
    feed.addItem({
      id: `urn:uuid:${report.guid}`,
      title: entryTitle(report),
      link: `${spec.origin}/report/${report.guid}`,
      date: report.submittedAt,
      description:
        `${report.grade.toUpperCase()}: ${report.dist} ${report.version} tested on perl ${report.perl}, ` +
        `${report.osname} ${report.osversion} (${report.platform}).`,
      ...(name ? { author: [{ name }] } : {}),
    });
  }
  return feed.atom1();
}
