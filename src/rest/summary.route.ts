import type { FastifyInstance } from "fastify";
import type { Db } from "../db/client.js";
import { type ReportFilter, reportPage } from "../db/queries/report.queries.js";
import { ErrorCode } from "../errors/index.js";
import { GRADES, type Grade } from "../report/grade.js";
import { nonEmpty, restError } from "./rest-errors.js";
import { isoSeconds, limitParam, REST_MAX_ROWS, sinceDate, sinceParam, stringArrayParam } from "./rest-params.js";
import { listResponses, reportSummary } from "./rest-schemas.js";

interface SummaryQuery {
  since?: string;
  grade?: Grade;
  perl?: string[];
  "perl[]"?: string[];
  osname?: string[];
  "osname[]"?: string[];
  perl_maturity?: "stable" | "dev";
  limit?: number;
}

const querystring = {
  type: "object",
  additionalProperties: false,
  properties: {
    since: sinceParam,
    grade: { type: "string", enum: [...GRADES], description: "Only reports of this grade" },
    // perl=5.36.0&perl=5.38.0, and the perl[]= spelling some clients use.
    perl: { ...stringArrayParam, description: "Only reports from these perl versions" },
    "perl[]": stringArrayParam,
    osname: { ...stringArrayParam, description: "Only reports from these OS names ($^O)" },
    "osname[]": stringArrayParam,
    perl_maturity: { type: "string", enum: ["stable", "dev"], description: "Only reports from stable or dev perls" },
    limit: limitParam,
  },
} as const;

const params = {
  type: "object",
  properties: { dist: { type: "string", minLength: 1 }, version: { type: "string", minLength: 1 } },
} as const;

const schema = { tags: ["Summary"], querystring, params, response: listResponses(reportSummary) };

/**
 * /v3/summary: report rows in the order they were submitted, at most `limit` (default and most:
 * 100,000). Without a distribution a perl or osname filter is required, as in the original API.
 */
export function registerSummaryRoutes(app: FastifyInstance, db: Db): void {
  const handler = async (dist: string | undefined, version: string | undefined, query: SummaryQuery) => {
    const perls = [...(query.perl ?? []), ...(query["perl[]"] ?? [])];
    const osnames = [...(query.osname ?? []), ...(query["osname[]"] ?? [])];
    if (dist === undefined && perls.length === 0 && osnames.length === 0) {
      throw restError(ErrorCode.BAD_USER_INPUT, "You must provide one of 'perl' or 'osname'");
    }
    const since = sinceDate(query.since);
    const filter: ReportFilter = {
      ...(dist !== undefined ? { dist } : {}),
      ...(version !== undefined ? { version } : {}),
      ...(query.grade ? { grades: [query.grade] } : {}),
      ...(perls.length > 0 ? { perls } : {}),
      ...(osnames.length > 0 ? { osnames } : {}),
      ...(query.perl_maturity ? { perlMaturity: query.perl_maturity } : {}),
      ...(since ? { submittedFrom: since } : {}),
    };
    const limit = query.limit ?? REST_MAX_ROWS;
    const rows = (await reportPage(db, filter, { order: "asc", limit })).slice(0, limit).map(({ report }) => report);
    return nonEmpty(rows).map((row) => ({
      guid: row.guid,
      date: isoSeconds(row.submittedAt),
      grade: row.grade,
      reporter: row.tester,
      dist: row.dist,
      version: row.version,
      platform: row.platform,
      perl: row.perl,
      osname: row.osname,
      osvers: row.osversion,
    }));
  };

  app.get<{ Querystring: SummaryQuery }>(
    "/summary",
    { schema: { ...schema, summary: "Reports from these perls or OS names" } },
    (request) => handler(undefined, undefined, request.query),
  );
  app.get<{ Params: { dist: string }; Querystring: SummaryQuery }>(
    "/summary/:dist",
    { schema: { ...schema, summary: "Reports of a distribution" } },
    (request) => handler(request.params.dist, undefined, request.query),
  );
  app.get<{ Params: { dist: string; version: string }; Querystring: SummaryQuery }>(
    "/summary/:dist/:version",
    { schema: { ...schema, summary: "Reports of a release" } },
    (request) => handler(request.params.dist, request.params.version, request.query),
  );
}
