import type { FastifyInstance } from "fastify";
import type { Db } from "../../db/client.js";
import {
  newestReportId,
  type ReportWindow,
  reportWindowPage,
  reportWindowSummary,
} from "../../db/queries/report-feed.queries.js";
import { FEED_PAGE_SIZE, feedTag, sendFeed } from "./feed.reply.js";
import { legacyReportRecord } from "./report.record.js";

/** Reports one `range` answers at most, as the original (and the client module's docs) said. */
export const RANGE_MAX_REPORTS = 2_500;

/**
 * The ids a `range` asks for: `a-b` (at most RANGE_MAX_REPORTS after a), `a` (one report), `a-`
 * (from a on), `-b` (up to b), `-` (the newest). Undefined for anything else.
 */
export async function rangeWindow(db: Db, range: string): Promise<ReportWindow | undefined> {
  const match = /^(\d*)(-?)(\d*)$/.exec(range);
  if (!match || range === "") return undefined;
  const [, from = "", dash = "", to = ""] = match;
  // An id past any report's names nothing; unbounded, it would not fit the database's bigint.
  const id = (digits: string) => Math.min(Number(digits), Number.MAX_SAFE_INTEGER);
  if (dash === "") return { fromId: id(from), toId: id(from) };
  if (from !== "") {
    const limit = id(from) + RANGE_MAX_REPORTS;
    return { fromId: id(from), toId: to === "" ? limit : Math.min(id(to), limit) };
  }
  const toId = to === "" ? await newestReportId(db) : id(to);
  return toId === null ? undefined : { fromId: Math.max(toId - RANGE_MAX_REPORTS, 0), toId };
}

/** The UTC day a `date` names (`2024-05-01`, also `20240501` or with a time after it), years 1 to 9998. */
export function dateWindow(date: string): ReportWindow | undefined {
  const digits = date.replace(/[-:T]/g, "").slice(0, 8);
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(digits);
  if (!match) return undefined;
  const submittedFrom = new Date(`${match[1]}-${match[2]}-${match[3]}T00:00:00Z`);
  // Year 0 and the day after 9999-12-31 are days Postgres cannot take; no report was made on them.
  const year = Number(match[1]);
  if (
    year < 1 ||
    year > 9998 ||
    Number.isNaN(submittedFrom.getTime()) ||
    submittedFrom.toISOString().slice(0, 10) !== `${match[1]}-${match[2]}-${match[3]}`
  ) {
    return undefined;
  }
  return { submittedFrom, submittedBefore: new Date(submittedFrom.getTime() + 86_400_000) };
}

/**
 * The reports' metadata by id range or by day, for CPAN::Testers::WWW::Reports::Query::Reports
 * (and the mirrors built on it): `{"from": first id, "list": {id: record}, "to": last id}`, the
 * shape of the original's replacement of its CGI (cpantesters-web, Legacy.pm reports_metadata).
 * Nothing found, or a parameter that names nothing, is `{"from":null,"list":{},"to":null}`.
 */
export function registerReportsMetadata(app: FastifyInstance, db: Db): void {
  app.get<{ Querystring: { range?: string; date?: string } }>(
    "/cgi-bin/reports-metadata.cgi",
    async (request, reply) => {
      const { date, range } = request.query;
      // As in the original, a date wins over a range.
      const window = date ? dateWindow(String(date)) : range ? await rangeWindow(db, String(range)) : undefined;
      const summary = window ? await reportWindowSummary(db, window) : { reports: 0, minId: null, maxId: null };
      return sendFeed(request, reply, {
        tag: feedTag(["reports-metadata", window, summary]),
        contentType: "application/json; charset=utf-8",
        body: () => metadataBody(db, window, summary.minId, summary.maxId),
      });
    },
  );
}

async function* metadataBody(
  db: Db,
  window: ReportWindow | undefined,
  minId: number | null,
  maxId: number | null,
): AsyncIterable<string> {
  // The opening goes out with the first page, so that a failing first read is still a 500.
  let separator = `{"from":${JSON.stringify(minId === null ? null : String(minId))},"list":{`;
  let after: { id: number; submittedAt: string } | undefined;
  while (window && maxId !== null) {
    const page = await reportWindowPage(db, window, {
      throughId: maxId,
      limit: FEED_PAGE_SIZE,
      ...(after ? { after } : {}),
    });
    if (page.length > 0) {
      const items = page.map(({ report }) => `"${report.id}":${JSON.stringify(legacyReportRecord(report))}`);
      yield separator + items.join(",");
      separator = ",";
    }
    const last = page.at(-1);
    if (!last || page.length < FEED_PAGE_SIZE) break;
    after = { id: last.report.id, submittedAt: last.submittedAtExact };
  }
  yield `${separator === "," ? "" : separator}},"to":${JSON.stringify(maxId === null ? null : String(maxId))}}`;
}
