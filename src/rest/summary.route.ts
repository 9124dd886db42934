import type { FastifyInstance } from "fastify";
import type { Db } from "../db/client.js";
import { type ReportFilter, reportPage } from "../db/queries/report.queries.js";
import { GRADES, type Grade } from "../report/grade.js";
import { badInput } from "../errors/index.js";
import { nonEmpty } from "./rest-errors.js";
import { limitParam, maturityParam, REST_MAX_ROWS, sinceDate, sinceParam, stringArrayParam } from "./rest-params.js";

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
    grade: { type: "string", enum: [...GRADES] },
    // perl=5.36.0&perl=5.38.0, and the perl[]= spelling some clients use.
    perl: stringArrayParam,
    "perl[]": stringArrayParam,
    osname: stringArrayParam,
    "osname[]": stringArrayParam,
    perl_maturity: maturityParam,
    limit: limitParam,
  },
} as const;

const params = {
  type: "object",
  properties: { dist: { type: "string", minLength: 1 }, version: { type: "string", minLength: 1 } },
} as const;

/**
 * /v3/summary: report rows, newest first, at most `limit` (default and most: 100,000). Without a
 * distribution a perl or osname filter is required, as in the original API.
 */
export function registerSummaryRoutes(app: FastifyInstance, db: Db): void {
  const handler = async (dist: string | undefined, version: string | undefined, query: SummaryQuery) => {
    const perls = [...(query.perl ?? []), ...(query["perl[]"] ?? [])];
    const osnames = [...(query.osname ?? []), ...(query["osname[]"] ?? [])];
    if (dist === undefined && perls.length === 0 && osnames.length === 0) {
      throw badInput("give at least one of the perl or osname parameters", [
        { message: "give at least one of the perl or osname parameters", path: "/perl" },
      ]);
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
    const rows = (await reportPage(db, filter, { order: "desc", limit })).slice(0, limit).map(({ report }) => report);
    return nonEmpty(rows, dist === undefined ? "reports" : `reports of ${dist}${version ? ` ${version}` : ""}`).map(
      (row) => ({
        guid: row.guid,
        date: row.submittedAt.toISOString(),
        grade: row.grade,
        reporter: row.tester,
        dist: row.dist,
        version: row.version,
        platform: row.platform,
        perl: row.perl,
        osname: row.osname,
        osvers: row.osversion,
      }),
    );
  };

  app.get<{ Querystring: SummaryQuery }>("/summary", { schema: { querystring } }, (request) =>
    handler(undefined, undefined, request.query),
  );
  app.get<{ Params: { dist: string }; Querystring: SummaryQuery }>(
    "/summary/:dist",
    { schema: { querystring, params } },
    (request) => handler(request.params.dist, undefined, request.query),
  );
  app.get<{ Params: { dist: string; version: string }; Querystring: SummaryQuery }>(
    "/summary/:dist/:version",
    { schema: { querystring, params } },
    (request) => handler(request.params.dist, request.params.version, request.query),
  );
}
