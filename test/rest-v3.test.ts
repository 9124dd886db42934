import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SeededReport } from "./factories/read-model.factory.js";
import { seedCatalogue } from "./factories/catalogue.js";
import { testBackends } from "./helpers/database.js";
import { startTestPlatform, type TestPlatform } from "./helpers/server.js";

describe.each(testBackends())("/v3 REST API on $name", (backend) => {
  let platform: TestPlatform;
  let seeded: SeededReport[];
  beforeAll(async () => {
    platform = await startTestPlatform(backend);
    seeded = await seedCatalogue(platform.database.db);
  });
  afterAll(() => platform.stop());

  const get = async (path: string) => {
    const response = await fetch(`${platform.url}/v3${path}`);
    return { status: response.status, body: await response.json() };
  };
  const summaryRow = (id: number) => {
    const report = seeded[id - 1]!;
    return {
      guid: report.guid,
      date: new Date(report.submittedAt).toISOString().replace(".000Z", "Z"),
      grade: report.grade,
      reporter: report.reporter,
      dist: report.dist,
      version: report.version,
      platform: `x86_64-${report.osname}`,
      perl: report.perl,
      osname: report.osname,
      osvers: "1.0",
    };
  };

  it("serves report summaries of a distribution and a release, in submission order, with filters", async () => {
    expect(await get("/summary/Data-Printer")).toEqual({ status: 200, body: [1, 2, 3, 4, 5, 6].map(summaryRow) });
    expect(await get("/summary/Data-Printer/0.39?grade=pass")).toEqual({
      status: 200,
      body: [2, 4, 6].map(summaryRow),
    });
    expect(await get("/summary/Data-Printer?perl_maturity=dev")).toEqual({ status: 200, body: [summaryRow(4)] });
    expect(await get("/summary/Data-Printer?since=2026-01-04T00:00:00Z&limit=2")).toEqual({
      status: 200,
      body: [4, 5].map(summaryRow),
    });
    expect(await get("/summary/Data-Printer?since=2026-01-05T09:00:00%2B01:00")).toEqual({
      status: 200,
      body: [5, 6].map(summaryRow),
    });
    expect(await get("/summary?osname=darwin&osname=MSWin32")).toEqual({ status: 200, body: [3, 5].map(summaryRow) });
    expect(await get("/summary?perl[]=5.41.3")).toEqual({ status: 200, body: [summaryRow(4)] });
  });

  it("answers an empty summary with 404 and bad parameters with 400, in the v3 error format", async () => {
    expect(await get("/summary/No-Such-Dist")).toEqual({
      status: 404,
      body: { errors: [{ message: "No results found", path: "/" }] },
    });
    expect(await get("/summary")).toEqual({
      status: 400,
      body: { errors: [{ message: "You must provide one of 'perl' or 'osname'", path: "/" }] },
    });
    expect(await get("/summary/Data-Printer?grade=great")).toEqual({
      status: 400,
      body: { errors: [{ message: "Not in enum list: pass, fail, na, unknown.", path: "/grade" }] },
    });
    expect(await get("/summary/Data-Printer?since=yesterday")).toEqual({
      status: 400,
      body: { errors: [{ message: "Does not match date-time format.", path: "/since" }] },
    });
    // Year 0 has the pattern's shape, but Postgres takes no such year: a 400, not a 500.
    for (const path of ["/upload?since=0000-01-01T00:00:00Z", "/release/dist/F/t?since=0000-01-01T00:00:00Z"]) {
      expect(await get(path)).toEqual({
        status: 400,
        body: { errors: [{ message: "Does not match date-time format.", path: "/since" }] },
      });
    }
    expect(await get("/release?limit=0")).toEqual({
      status: 400,
      body: { errors: [{ message: 'The value for "limit" must be a positive integer', path: "/" }] },
    });
    expect(await get("/release?limit=100001")).toEqual({
      status: 400,
      body: { errors: [{ message: "limit must be <= 100000", path: "/limit" }] },
    });
    expect(await get("/nope")).toEqual({
      status: 404,
      body: { errors: [{ message: "no such route: GET /v3/nope", path: "/" }] },
    });
  });

  it("serves release counts by dist and version", async () => {
    const row = (dist: string, version: string, pass: number, fail: number, na: number, unknown: number) => ({
      dist,
      version,
      pass,
      fail,
      na,
      unknown,
    });
    expect(await get("/release")).toEqual({
      status: 200,
      body: [
        row("Data-Printer", "0.38", 1, 0, 0, 0),
        row("Data-Printer", "0.39", 3, 1, 1, 0),
        row("Foo-Bar", "1.0", 0, 3, 0, 0),
        row("Orphan-Dist", "0.1", 0, 0, 0, 1),
        row("Test-Thing", "0.01", 0, 1, 0, 0),
      ],
    });
    expect(await get("/release/dist/Data-Printer?since=2026-01-01T00:00:00Z&limit=1")).toEqual({
      status: 200,
      body: [row("Data-Printer", "0.39", 3, 1, 1, 0)],
    });
    expect(await get("/release/dist/Data-Printer/0.39")).toEqual({
      status: 200,
      body: row("Data-Printer", "0.39", 3, 1, 1, 0),
    });
    expect(await get("/release/author/garu")).toEqual({
      status: 200,
      body: [row("Data-Printer", "0.38", 1, 0, 0, 0), row("Data-Printer", "0.39", 3, 1, 1, 0)],
    });
    expect(await get("/release/author/GARU?maturity=dev")).toEqual({
      status: 404,
      body: { errors: [{ message: "No results found", path: "/" }] },
    });
    expect((await get("/release/dist/Nope")).status).toBe(404);
  });

  it("serves uploads oldest first, without provisional ones", async () => {
    const upload = (dist: string, version: string, author: string, released: string) => ({
      dist,
      version,
      author,
      filename: `${dist}-${version}.tar.gz`,
      released,
    });
    expect(await get("/upload")).toEqual({
      status: 200,
      body: [
        upload("Foo-Bar", "1.0", "ALICE", "2025-01-01T10:00:00Z"),
        upload("Data-Dumper-Tiny", "2.0", "ALICE", "2025-03-01T10:00:00Z"),
        upload("Data-Printer", "0.38", "GARU", "2025-06-01T10:00:00Z"),
        upload("Data-Printer", "0.39", "GARU", "2026-01-01T10:00:00Z"),
        upload("Test-Thing", "0.01", "BOB", "2026-01-15T10:00:00Z"),
        upload("Data-Printer", "0.40_01", "GARU", "2026-02-01T10:00:00Z"),
      ],
    });
    expect(await get("/upload/dist/Data-Printer?since=2026-01-01T00:00:00Z&maturity=stable")).toEqual({
      status: 200,
      body: [upload("Data-Printer", "0.39", "GARU", "2026-01-01T10:00:00Z")],
    });
    expect(await get("/upload/author/alice?limit=1")).toEqual({
      status: 200,
      body: [upload("Foo-Bar", "1.0", "ALICE", "2025-01-01T10:00:00Z")],
    });
    expect(await get("/upload/dist/Orphan-Dist")).toEqual({
      status: 404,
      body: { errors: [{ message: 'Distribution "Orphan-Dist" not found', path: "/" }] },
    });
  });

  it("serves a stored report document with its id and creation time", async () => {
    const detailed = seeded[2]!;
    const { status, body } = await get(`/report/${detailed.guid.toUpperCase()}`);
    expect(status).toBe(200);
    expect(body).toEqual({ ...detailed.document, id: detailed.guid, created: "2026-01-03T08:00:00Z" });
    const plain = seeded[0]!;
    expect((await get(`/report/${plain.guid}`)).body).toMatchObject({
      id: plain.guid,
      created: "2025-12-01T08:00:01Z",
      result: { grade: "pass" },
    });
    expect(await get("/report/00000000-0000-4000-8000-000000000000")).toEqual({
      status: 404,
      body: { errors: [{ message: "Report ID not found", path: "/id" }] },
    });
    expect(await get("/report/42")).toEqual({
      status: 400,
      body: { errors: [{ message: 'id must be a report GUID (a UUID), got "42"', path: "/id" }] },
    });
  });
});
