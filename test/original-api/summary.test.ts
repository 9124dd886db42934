import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ReportSpec, seedReadModel } from "../factories/read-model.factory.js";
import { testBackends } from "../helpers/database.js";
import { startTestPlatform, type TestPlatform } from "../helpers/server.js";
import { statusAndBody } from "./http.js";

// The data of the original's test, in our factory's words: four reports of three releases.
const REPORTER = "doug@example.com (Doug Bell)";
const reportSpecs: ReportSpec[] = [
  {
    dist: "My-Dist",
    version: "1.001",
    grade: "pass",
    submittedAt: "2016-08-12T04:01:00Z",
    perl: "5.22.0",
    osname: "darwin",
  },
  {
    dist: "My-Dist",
    version: "1.001",
    grade: "fail",
    submittedAt: "2016-08-12T00:00:00Z",
    perl: "5.21.0",
    osname: "darwin",
  },
  {
    dist: "My-Dist",
    version: "1.002",
    grade: "fail",
    submittedAt: "2016-08-20T00:00:00Z",
    perl: "5.22.0",
    osname: "linux",
  },
  {
    dist: "My-Other",
    version: "1.000",
    grade: "pass",
    submittedAt: "2016-09-18T00:00:00Z",
    perl: "5.22.0",
    osname: "darwin",
  },
].map(
  (spec, index) =>
    ({ ...spec, reporter: REPORTER, guid: `00000000-0000-0000-0000-00000000000${index + 1}` }) as ReportSpec,
);

/** A summary row as the original writes it: no fulldate or state, a date in whole seconds. */
const row = (index: number, date: string) => {
  const spec = reportSpecs[index]!;
  return {
    guid: spec.guid,
    date,
    grade: spec.grade,
    reporter: REPORTER,
    dist: spec.dist,
    version: spec.version,
    platform: `x86_64-${spec.osname}`,
    perl: spec.perl,
    osname: spec.osname,
    osvers: "1.0",
  };
};
const FIRST = row(0, "2016-08-12T04:01:00Z");
const SECOND = row(1, "2016-08-12T00:00:00Z");
const THIRD = row(2, "2016-08-20T00:00:00Z");

describe("cpantesters-api t/controller/summary.t", () => {
  describe.each(testBackends())("on $name", (backend) => {
    let platform: TestPlatform;
    beforeAll(async () => {
      platform = await startTestPlatform(backend, { etl: false });
      await seedReadModel(platform.database.db, {
        uploads: [
          { dist: "My-Dist", version: "1.001", author: "PREACTION", releasedAt: "2016-11-19T03:03:20Z" },
          { dist: "My-Dist", version: "1.002", author: "POSTACTION", releasedAt: "2016-11-19T03:05:00Z" },
          { dist: "My-Other", version: "1.000", author: "PREACTION", releasedAt: "2016-11-19T03:06:40Z" },
        ],
        reports: reportSpecs,
      });
    });
    afterAll(() => platform.stop());

    const get = (path: string) => statusAndBody(`${platform.url}/v3${path}`);

    // Submission order, not date order: the second report is the older one.
    it("summary.t 'by dist': every report of the dist in submission order", async () => {
      expect(await get("/summary/My-Dist")).toEqual({ status: 200, body: [FIRST, SECOND, THIRD] });
    });

    it("summary.t 'by dist/version': the reports of one release", async () => {
      expect(await get("/summary/My-Dist/1.001")).toEqual({ status: 200, body: [FIRST, SECOND] });
    });

    it("summary.t 'by grade': only the passes of the release", async () => {
      expect(await get("/summary/My-Dist/1.001?grade=pass")).toEqual({ status: 200, body: [FIRST] });
    });

    it("summary.t 'by dist/perl': the reports of the dist from one perl", async () => {
      expect(await get("/summary/My-Dist?perl=5.21.0")).toEqual({ status: 200, body: [SECOND] });
    });

    it("summary.t 'by dist/osname': the reports of the dist from one OS", async () => {
      expect(await get("/summary/My-Dist?osname=linux")).toEqual({ status: 200, body: [THIRD] });
    });

    it("summary.t 'by perl': every report from one perl", async () => {
      expect(await get("/summary?perl=5.21.0")).toEqual({ status: 200, body: [SECOND] });
    });

    it("summary.t 'by osname': every report from one OS", async () => {
      expect(await get("/summary?osname=linux")).toEqual({ status: 200, body: [THIRD] });
    });

    it("summary.t 'by perl maturity': only reports from dev perls, of a dist and of a release", async () => {
      expect(await get("/summary/My-Dist?perl_maturity=dev")).toEqual({ status: 200, body: [SECOND] });
      expect(await get("/summary/My-Dist/1.001?perl_maturity=dev")).toEqual({ status: 200, body: [SECOND] });
    });

    it("summary.t 'since': reports submitted at or after the time", async () => {
      expect(await get("/summary/My-Dist?since=2016-08-20T00:00:00Z")).toEqual({ status: 200, body: [THIRD] });
      // The original read a date-time without a zone as UTC; so do we.
      expect(await get("/summary/My-Dist?since=2016-08-20T00:00:00")).toEqual({ status: 200, body: [THIRD] });
    });

    it("summary.t 'dist not found': 404 No results found", async () => {
      expect(await get("/summary/Not-Found/1.001")).toEqual({
        status: 404,
        body: { errors: [{ message: "No results found", path: "/" }] },
      });
    });

    it("summary.t 'perl/osname not provided': 400 naming both parameters", async () => {
      expect(await get("/summary")).toEqual({
        status: 400,
        body: { errors: [{ message: "You must provide one of 'perl' or 'osname'", path: "/" }] },
      });
    });
  });
});
