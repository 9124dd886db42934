import type { FastifyInstance } from "fastify";
import type { Db } from "../../db/client.js";
import { newestSubmittedReports } from "../../db/queries/report-feed.queries.js";
import { findUploads } from "../../db/queries/upload.queries.js";
import type { ReportRow, UploadRow } from "../../db/schema/index.js";
import { feedTag, matchesTag } from "./feed.reply.js";
import { testerParts } from "./report.record.js";

/** Reports the log lists, as the original's. */
export const TAIL_LOG_REPORTS = 1_000;

/** Seconds a client may keep the log before asking again (the original regenerated it every 300). */
export const TAIL_LOG_MAX_AGE_SECONDS = 60;

/** An instant as the original printed DateTime objects: to the second, no zone (it adds the Z). */
const toSecond = (at: Date) => at.toISOString().slice(0, 19);

/** One line of the log, field for field the original's template (bin/cpantesters-legacy-metabase). */
export function tailLogLine(report: ReportRow, upload: UploadRow | undefined): string {
  const created = toSecond(report.submittedAt);
  // A release known only from its reports has no author or file yet: "/", as the original's
  // placeholder uploads gave.
  const file = upload ? `${upload.author ?? ""}/${upload.filename ?? ""}` : "";
  return `[${created}Z] [${testerParts(report.tester).name}] [${report.grade}] [${file}] [${report.platform}] [perl-v${report.perl}] [${report.guid}] [${created}Z]`;
}

/**
 * The Metabase's `tail/log.txt`: the newest reports, newest first, one line each, which the fast
 * CPAN Testers Matrix follows. Built on request from two index reads (no file to refresh).
 */
export function registerTailLog(app: FastifyInstance, db: Db): void {
  app.get("/tail/log.txt", async (request, reply) => {
    const rows = await newestSubmittedReports(db, TAIL_LOG_REPORTS);
    const uploads = await findUploads(
      db,
      [...new Map(rows.map((row) => [`${row.dist}\0${row.version}`, row])).values()].map(({ dist, version }) => ({
        dist,
        version,
      })),
    );
    const byRelease = new Map(uploads.map((upload) => [`${upload.dist}\0${upload.version}`, upload]));
    const lines = rows.map((row) => tailLogLine(row, byRelease.get(`${row.dist}\0${row.version}`)));
    // The heading's time changes every second; the tag follows the reports alone.
    const tag = feedTag(["tail", lines]);
    reply
      .header("cache-control", `max-age=${TAIL_LOG_MAX_AGE_SECONDS}, must-revalidate`)
      .header("etag", tag)
      .type("text/plain; charset=utf-8");
    if (matchesTag(request, tag)) return reply.code(304).send();
    const heading = `The last ${rows.length} reports as of ${toSecond(new Date())}Z:`;
    return reply.send([heading, ...lines].map((line) => `${line}\n`).join(""));
  });
}
