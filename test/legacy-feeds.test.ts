import type { Logger as QueryLogger } from "drizzle-orm";
import { count, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reports } from "../src/db/schema/index.js";
import { processAll } from "../src/etl/process-batch.js";
import { addUploads } from "../src/intake/upload.intake.js";
import { FEED_PAGE_SIZE } from "../src/rest/legacy/feed.reply.js";
import { queueReports, testerWithToken, v3Report } from "./factories/report.factory.js";
import { testBackends } from "./helpers/database.js";
import { startTestPlatform, type TestPlatform, testLog } from "./helpers/server.js";

/** Statements the platform sends, with their parameters (to see how a feed pages). */
class StatementLog implements QueryLogger {
  readonly statements: { query: string; params: unknown[] }[] = [];
  logQuery(query: string, params: unknown[]): void {
    this.statements.push({ query, params });
  }
}

// The reports of cpantesters-web t/controller/legacy.t, sent through the v3 intake.
const KOENIG = { name: "Andreas J. Koenig", email: "andreas.koenig.gmwojprw@franz.ak.mind.de" };
const sorauta = (version: string, grade: "fail" | "pass", created: string) => {
  const report = v3Report({ dist: "Sorauta-SVN-AutoCommit", version, grade, perl: "5.22.2", created });
  report.reporter = KOENIG;
  report.environment.system.osversion = "4.8.0-2-amd64";
  report.result.output = { uncategorized: "Test report" };
  return report;
};

describe.each(testBackends())("legacy feeds on $name", (backend) => {
  let platform: TestPlatform;
  const log = new StatementLog();
  const fail002 = sorauta("0.02", "fail", "2020-01-01T00:00:00Z");
  const pass001 = sorauta("0.01", "pass", "2020-01-02T00:00:00Z");
  const ids = new Map<string, string>();

  beforeAll(async () => {
    // The ETL is driven by hand: a worker polling in the background would write into the statement log.
    platform = await startTestPlatform(backend, { logger: log, etl: false });
    const { db } = platform.database;
    await addUploads({ db }, [
      {
        dist: "Sorauta-SVN-AutoCommit",
        version: "0.02",
        author: "YUKI",
        filename: "Sorauta-SVN-AutoCommit-0.02.tar.gz",
        releasedAt: new Date("2012-01-27T09:44:14Z"),
        maturity: "stable",
      },
      {
        dist: "Sorauta-SVN-AutoCommit",
        version: "0.01",
        author: "YUKI",
        filename: "Sorauta-SVN-AutoCommit-0.01.tar.gz",
        releasedAt: new Date("2012-01-27T09:44:13Z"),
        maturity: "stable",
      },
    ]);
    // The tester shown is the one who submitted (authenticated), so the token is Andreas's own.
    const token = await testerWithToken(db, undefined, {
      id: "0b3c3e4a-2aae-11df-837a-5e0a49663a4f",
      fullName: KOENIG.name,
      email: KOENIG.email,
    });
    for (const report of [fail002, pass001, v3Report({ dist: "Perl6-Derp", language: "Perl 6", perl: "2017.05" })]) {
      expect((await platform.submitReport(report, token)).status).toBe(201);
    }
    await processAll({ db, log: testLog }, 500);
    const rows = await db
      .select({ guid: reports.guid, id: reports.id })
      .from(reports)
      .where(inArray(reports.guid, [fail002.id, pass001.id]));
    for (const row of rows) ids.set(row.guid, String(row.id));
  });
  afterAll(() => platform.stop());

  const get = (path: string, headers: Record<string, string> = {}, method = "GET") =>
    fetch(`${platform.url}${path}`, { method, headers, redirect: "manual" });

  /** A record field for field as cpantesters-web t/controller/legacy.t expects it. */
  const record = (report: typeof fail002, grade: "fail" | "pass", day: string) => ({
    csspatch: "unp",
    cssperl: "rel",
    datetime: `2020-01-${day}T00:00:00`,
    dist: "Sorauta-SVN-AutoCommit",
    distribution: "Sorauta-SVN-AutoCommit",
    distversion: `Sorauta-SVN-AutoCommit-${report.distribution.version}`,
    fulldate: `202001${day}0000`,
    grade,
    guid: report.id,
    id: ids.get(report.id),
    lang_version: "5.22.2",
    osname: "linux",
    ostext: "GNU/Linux",
    osvers: "4.8.0-2-amd64",
    perl: "5.22.2",
    platform: "x86_64-linux",
    postdate: "202001",
    state: grade,
    status: grade.toUpperCase(),
    tester: '"Andreas J. Koenig" <andreas.koenig.gmwojprw@franz.ak.mind.de>',
    type: "2",
    uploadid: null,
    version: report.distribution.version,
  });

  it("serves a distribution's reports at /show and /distro, by release then id (legacy.t 'distro feed')", async () => {
    const expected = [record(pass001, "pass", "02"), record(fail002, "fail", "01")];
    for (const path of ["/show/Sorauta-SVN-AutoCommit.json", "/distro/S/Sorauta-SVN-AutoCommit.json"]) {
      const response = await get(path);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
      expect(response.headers.get("cache-control")).toBe("public, max-age=60");
      expect(response.headers.get("etag")).toMatch(/^W\/"[\w-]{27}"$/);
      // Byte for byte: keys sorted, as Mojo::JSON wrote them.
      expect(await response.text()).toBe(JSON.stringify(expected));
    }
  });

  it("answers an unknown distribution with an empty list, and sends people on to the dist page", async () => {
    const response = await get("/show/No-Such-Dist.json");
    expect({ status: response.status, body: await response.text() }).toEqual({ status: 200, body: "[]" });
    const page = await get("/show/Sorauta-SVN-AutoCommit.html");
    expect({ status: page.status, location: page.headers.get("location") }).toEqual({
      status: 301,
      location: "/dist/Sorauta-SVN-AutoCommit",
    });
  });

  it("answers a name holding U+0000, which no name can, with 400 and no SQL in the answer", async () => {
    for (const path of ["/show/%00.json", "/distro/F/a%00b.json", "/author/%00.json"]) {
      const response = await fetch(`${platform.url}${path}`);
      expect(response.status, path).toBe(400);
      const body = await response.text();
      expect(JSON.parse(body)).toEqual({ errors: [{ message: expect.stringContaining("U+0000") as unknown }] });
      expect(body).not.toMatch(/select|params/i);
    }
  });

  it("answers report metadata for ids and days past what the database holds as empty, not a 500", async () => {
    for (const query of ["range=999999999999999999999", "range=-99999999999999999999999", "date=9999-12-31"]) {
      const response = await fetch(`${platform.url}/cgi-bin/reports-metadata.cgi?${query}`);
      expect(response.status, query).toBe(200);
      expect(await response.json()).toEqual({ from: null, list: {}, to: null });
    }
  });

  it("revalidates with If-None-Match (304) and answers HEAD with the headers alone", async () => {
    const first = await get("/show/Sorauta-SVN-AutoCommit.json");
    const tag = first.headers.get("etag")!;
    await first.text();
    const again = await get("/show/Sorauta-SVN-AutoCommit.json", { "if-none-match": tag });
    expect({ status: again.status, etag: again.headers.get("etag"), body: await again.text() }).toEqual({
      status: 304,
      etag: tag,
      body: "",
    });
    const head = await get("/author/YUKI.json", {}, "HEAD");
    expect(head.status).toBe(200);
    expect(head.headers.get("etag")).toMatch(/^W\//);
    expect(head.headers.get("content-length")).toBeNull();
    expect(await head.text()).toBe("");
    // Another tag for another feed, and a stale tag gets the body.
    expect(head.headers.get("etag")).not.toBe(tag);
    const stale = await get("/show/Sorauta-SVN-AutoCommit.json", { "if-none-match": 'W/"stale", ' + tag.slice(2) });
    expect(stale.status).toBe(304);
  });

  it("serves the reports of an author's newest releases, and the ones that did not pass (legacy.t 'author feed')", async () => {
    const yuki = await get("/author/YUKI.json");
    expect({ status: yuki.status, body: await yuki.json() }).toEqual({
      status: 200,
      body: [record(fail002, "fail", "01")],
    });
    const nopass = await get("/author/yuki-nopass.json");
    expect(await nopass.json()).toEqual([record(fail002, "fail", "01")]);
    const unknown = await get("/author/NOBODY.json");
    expect({ status: unknown.status, body: await unknown.text() }).toEqual({ status: 200, body: "[]" });
    const letter = await get("/author/Y/YUKI.json");
    expect({ status: letter.status, location: letter.headers.get("location") }).toEqual({
      status: 301,
      location: "/author/YUKI.json",
    });
  });

  it("serves report metadata by id range and by day, and an empty answer for nothing", async () => {
    const [first, second] = [ids.get(fail002.id)!, ids.get(pass001.id)!];
    const list = { [first]: record(fail002, "fail", "01"), [second]: record(pass001, "pass", "02") };
    const metadata = async (query: string) => {
      const response = await get(`/cgi-bin/reports-metadata.cgi?${query}`);
      return { status: response.status, body: await response.text() };
    };
    const answer = (body: unknown) => ({ status: 200, body: JSON.stringify(body) });
    const empty = answer({ from: null, list: {}, to: null });
    expect(await metadata(`range=${first}-${second}`)).toEqual(answer({ from: first, list, to: second }));
    expect(await metadata(`range=${first}-`)).toEqual(answer({ from: first, list, to: second }));
    expect(await metadata("range=-")).toEqual(answer({ from: first, list, to: second }));
    expect(await metadata(`range=-${first}`)).toEqual(
      answer({ from: first, list: { [first]: list[first] }, to: first }),
    );
    expect(await metadata(`range=${second}`)).toEqual(
      answer({ from: second, list: { [second]: list[second] }, to: second }),
    );
    expect(await metadata("date=2020-01-02")).toEqual(
      answer({ from: second, list: { [second]: list[second] }, to: second }),
    );
    expect(await metadata("date=20200101&range=1-9")).toEqual(
      answer({ from: first, list: { [first]: list[first] }, to: first }),
    );
    for (const nothing of ["date=2019-12-31", "date=2020-02-30", "date=soon", "range=9000000-", "range=x", ""]) {
      expect(await metadata(nothing)).toEqual(empty);
    }
  });

  it("serves the Metabase tail log, newest first, Perl 5 reports only", async () => {
    const response = await get("/tail/log.txt");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("max-age=60, must-revalidate");
    const [heading, ...lines] = (await response.text()).split("\n");
    expect(heading).toMatch(/^The last 2 reports as of \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ:$/);
    expect(lines).toEqual([
      `[2020-01-02T00:00:00Z] [Andreas J. Koenig] [pass] [YUKI/Sorauta-SVN-AutoCommit-0.01.tar.gz] [x86_64-linux] [perl-v5.22.2] [${pass001.id}] [2020-01-02T00:00:00Z]`,
      `[2020-01-01T00:00:00Z] [Andreas J. Koenig] [fail] [YUKI/Sorauta-SVN-AutoCommit-0.02.tar.gz] [x86_64-linux] [perl-v5.22.2] [${fail002.id}] [2020-01-01T00:00:00Z]`,
      "",
    ]);
    const again = await get("/tail/log.txt", { "if-none-match": response.headers.get("etag")! });
    expect(again.status).toBe(304);
  });

  it("streams a large distribution a page of reports per statement, and its tag moves with a new report", async () => {
    const total = FEED_PAGE_SIZE * 3 + 7;
    const { db } = platform.database;
    // Queued as intake stores them; the platform's ETL counts them in batches.
    await queueReports(
      db,
      Array.from({ length: total }, (_, n) =>
        v3Report({
          dist: "Big-Dist",
          version: n < 10 ? "0.9" : "1.0",
          grade: n % 3 === 0 ? "fail" : "pass",
          created: new Date(Date.UTC(2024, 0, 1, 0, n)).toISOString(),
        }),
      ),
    );
    await processAll({ db, log: testLog }, 500);
    const [counted] = await db.select({ n: count() }).from(reports).where(eq(reports.dist, "Big-Dist"));
    expect(counted?.n).toBe(total);
    const before = log.statements.length;
    const response = await get("/show/Big-Dist.json");
    const body = (await response.json()) as { dist: string; version: string; id: string }[];
    expect(body).toHaveLength(total);
    expect(body.map((item) => item.version)).toEqual([
      ...Array<string>(10).fill("0.9"),
      ...Array<string>(total - 10).fill("1.0"),
    ]);
    const reads = log.statements
      .slice(before)
      .filter(({ query, params }) => /from "reports"/.test(query) && params.includes("Big-Dist"));
    // One statement per page, each asking for at most a page (and one row to see if more follow).
    expect(reads).toHaveLength(1 + Math.ceil((total - 10) / FEED_PAGE_SIZE));
    for (const { params } of reads) expect(params.at(-1)).toBe(FEED_PAGE_SIZE + 1);

    const tag = response.headers.get("etag")!;
    const [late] = await queueReports(db, [v3Report({ dist: "Big-Dist", version: "1.1", grade: "na" })]);
    await processAll({ db, log: testLog }, 500);
    expect(late).toBeDefined();
    const changed = await get("/show/Big-Dist.json", { "if-none-match": tag });
    expect(changed.status).toBe(200);
    expect(((await changed.json()) as unknown[]).length).toBe(total + 1);
  });
});
