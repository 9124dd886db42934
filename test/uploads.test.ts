import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { print } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "../src/db/queries/tester.queries.js";
import { uploads } from "../src/db/schema/index.js";
import { Topic } from "../src/events/index.js";
import { TESTER, testerWithToken, v3Report } from "./factories/report.factory.js";
import { graphql } from "./generated/index.js";
import { testBackends } from "./helpers/database.js";
import { startTestPlatform, type TestPlatform } from "./helpers/server.js";
import { subscribe, waitForSubscribers } from "./helpers/subscriber.js";

const ADD_UPLOAD = graphql(`
  mutation AddUpload($distfile: String!, $releasedAt: DateTime) {
    addUpload(distfile: $distfile, releasedAt: $releasedAt) {
      outcome
      dist
      version
      author
      filename
      releasedAt
      maturity
    }
  }
`);

const UPLOADS = graphql(`
  subscription LiveUploads($author: String, $dist: String) {
    uploadAdded(author: $author, dist: $dist) {
      dist
      version
      author
      filename
      releasedAt
      maturity
    }
  }
`);

const AUTHORED_REPORTS = graphql(`
  subscription LiveAuthoredReports($author: String!) {
    reportProcessed(filter: { author: $author }) {
      dist
      version
      author
    }
  }
`);

/** The upload rows of some distributions, in a stable order. */
const uploadRows = (platform: TestPlatform, dists: string[]) =>
  platform.database.db
    .select()
    .from(uploads)
    .where(sql`dist = any(${sql.param(dists)}::text[])`)
    .orderBy(uploads.dist, uploads.version);

describe.each(testBackends())("uploads on $name", (backend) => {
  let platform: TestPlatform;
  let uploader: string;
  let submitter: string;
  beforeAll(async () => {
    platform = await startTestPlatform(backend);
    submitter = await testerWithToken(platform.database.db);
    uploader = await createApiToken(platform.database.db, TESTER.id, "PAUSE feed", ["upload:write"]);
  });
  afterAll(() => platform.stop());

  const addUpload = async (distfile: string, releasedAt: string | undefined, token: string | undefined) => {
    const response = await fetch(`${platform.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query: print(ADD_UPLOAD), variables: { distfile, releasedAt } }),
    });
    return response.json();
  };
  const uploadsAdded = (filter: { author?: string; dist?: string }, count: number) => {
    const subscription = subscribe(platform.url, UPLOADS, filter);
    return { subscription, received: () => subscription.waitForCount(count).then((r) => r.map((x) => x.data)) };
  };
  const subscribers = (topic: Topic, count: number) => waitForSubscribers(platform.events, topic, count);

  it("adds an upload for an upload:write token and tells uploadAdded subscribers of new ones only", async () => {
    const alice = uploadsAdded({ author: "alice" }, 2);
    const other = uploadsAdded({ dist: "Other-Dist" }, 1);
    await subscribers(Topic.uploadAdded, 2);

    const added = await addUpload("ALICE/Live-Upload-1.00.tar.gz", "2026-05-01T10:00:00Z", uploader);
    const receipt = {
      dist: "Live-Upload",
      version: "1.00",
      author: "ALICE",
      filename: "Live-Upload-1.00.tar.gz",
      releasedAt: "2026-05-01T10:00:00.000Z",
      maturity: "STABLE",
    };
    const cost = { cost: { limit: 1000, nodes: 0, requested: 1 } };
    expect(added).toEqual({ data: { addUpload: { outcome: "ADDED", ...receipt } }, extensions: cost });
    expect(await addUpload("ALICE/Live-Upload-1.00.tar.gz", "2026-05-01T10:00:00Z", uploader)).toEqual({
      data: { addUpload: { outcome: "UNCHANGED", ...receipt } },
      extensions: cost,
    });
    expect(await addUpload("BOB/Live-Upload-1.00.tar.gz", undefined, uploader)).toMatchObject({
      data: null,
      errors: [
        {
          message:
            "Live-Upload 1.00 is already known as ALICE/Live-Upload-1.00.tar.gz, not BOB/Live-Upload-1.00.tar.gz",
          extensions: { code: "CONFLICT" },
        },
      ],
    });
    // The next upload of ALICE's is the second event: the unchanged one and the conflict sent none.
    await addUpload("ALICE/Live-Upload-1.01_01.tar.gz", "2026-05-02T10:00:00Z", uploader);
    expect(await alice.received()).toEqual([
      { uploadAdded: receipt },
      {
        uploadAdded: {
          ...receipt,
          version: "1.01_01",
          filename: "Live-Upload-1.01_01.tar.gz",
          releasedAt: "2026-05-02T10:00:00.000Z",
          maturity: "DEV",
        },
      },
    ]);
    await addUpload("CAROL/Other-Dist-0.1.zip", "2026-05-03T10:00:00Z", uploader);
    expect(await other.received()).toEqual([
      {
        uploadAdded: {
          dist: "Other-Dist",
          version: "0.1",
          author: "CAROL",
          filename: "Other-Dist-0.1.zip",
          releasedAt: "2026-05-03T10:00:00.000Z",
          maturity: "STABLE",
        },
      },
    ]);
    await alice.subscription.dispose();
    await other.subscription.dispose();
  });

  it("refuses callers without an upload:write token, and a file that is not a release", async () => {
    const codes = async (distfile: string, token: string | undefined) => {
      const body = (await addUpload(distfile, undefined, token)) as {
        errors: { message: string; extensions: object }[];
      };
      return body.errors.map((e) => [e.message, e.extensions]);
    };
    expect(await codes("ALICE/Foo-1.0.tar.gz", undefined)).toEqual([
      ["an API token is required: send `Authorization: Bearer <token>`", { code: "UNAUTHENTICATED" }],
    ]);
    expect(await codes("ALICE/Foo-1.0.tar.gz", submitter)).toEqual([
      ["this token may not add uploads: it has scopes report:submit; upload:write is needed", { code: "FORBIDDEN" }],
    ]);
    expect(await codes("ALICE/README.md", uploader)).toEqual([
      [
        'expected "AUTHOR/Dist-Name-1.23.tar.gz" or "cpan:///distfile/AUTHOR/Dist-Name-1.23.tar.gz", got "ALICE/README.md" (not a .tar.gz, .tgz, .tar.bz2, .tar.xz or .zip file)',
        { code: "BAD_USER_INPUT" },
      ],
    ]);
    expect(await uploadRows(platform, ["Foo", "README"])).toEqual([]);
  });

  it("refuses a releasedAt that is not a date-time, naming the argument", async () => {
    const body = (await addUpload("ALICE/Bad-Date-1.0.tar.gz", "last tuesday", uploader)) as {
      errors: { extensions: { code: string; argument?: string } }[];
    };
    expect(body.errors.map((e) => e.extensions)).toEqual([
      expect.objectContaining({ code: "BAD_USER_INPUT", argument: "releasedAt" }),
    ]);
    expect(await uploadRows(platform, ["Bad-Date"])).toEqual([]);
  });

  it("completes a release known from its reports, whose later reports then carry its author", async () => {
    const report = v3Report({ dist: "Live-Provisional", version: "2.00" });
    expect((await platform.submitReport(report, submitter)).status).toBe(201);
    await platform.processedReport(report.id);
    expect(await uploadRows(platform, ["Live-Provisional"])).toEqual([
      {
        dist: "Live-Provisional",
        version: "2.00",
        author: null,
        filename: null,
        releasedAt: null,
        location: "cpan",
        maturity: "stable",
        provisional: true,
      },
    ]);

    const completedEvents = uploadsAdded({ dist: "Live-Provisional" }, 1);
    const authored = subscribe(platform.url, AUTHORED_REPORTS, { author: "DAVE" });
    await subscribers(Topic.uploadAdded, 1);
    await subscribers(Topic.reportProcessed, 1);
    expect(await addUpload("DAVE/Live-Provisional-2.00.tar.gz", "2026-04-01T00:00:00Z", uploader)).toMatchObject({
      data: { addUpload: { outcome: "COMPLETED", author: "DAVE" } },
    });
    expect(await completedEvents.received()).toEqual([
      {
        uploadAdded: {
          dist: "Live-Provisional",
          version: "2.00",
          author: "DAVE",
          filename: "Live-Provisional-2.00.tar.gz",
          releasedAt: "2026-04-01T00:00:00.000Z",
          maturity: "STABLE",
        },
      },
    ]);
    expect(await uploadRows(platform, ["Live-Provisional"])).toEqual([
      {
        dist: "Live-Provisional",
        version: "2.00",
        author: "DAVE",
        filename: "Live-Provisional-2.00.tar.gz",
        releasedAt: new Date("2026-04-01T00:00:00Z"),
        location: "cpan",
        maturity: "stable",
        provisional: false,
      },
    ]);

    await platform.submitReport(v3Report({ dist: "Live-Provisional", version: "2.00" }), submitter);
    expect((await authored.waitForCount(1)).map((r) => r.data)).toEqual([
      { reportProcessed: { dist: "Live-Provisional", version: "2.00", author: "DAVE" } },
    ]);
    await completedEvents.subscription.dispose();
    await authored.dispose();
  });
});

const cli = new URL("../src/cli.ts", import.meta.url).pathname;

/** Runs the CLI with only the given environment (plus PATH) and collects its output. */
async function runCli(args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, ["--import", "tsx", cli, ...args], {
    env: { PATH: process.env.PATH ?? "", LOG_LEVEL: "silent", ...env },
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const [code] = (await once(child, "exit")) as [number | null];
  return { code, stdout, stderr };
}

const UPLOADS_LIST = `# uploads of May
ALICE/Import-One-1.00.tar.gz 2026-05-01T10:00:00Z
authors/id/B/BO/BOB/Import-Two-0.01_01.tar.gz 1777629600
ALICE/Import-One-1.00.tar.gz 2026-05-09T10:00:00Z

BOB/README 2026-05-01T10:00:00Z
CAROL/Import-Known-3.1.zip 2026-05-03T00:00:00+02:00   # was known from reports
`;

describe.each(testBackends().filter((backend) => backend.redisUrl))("uploads:import on $name", (backend) => {
  let platform: TestPlatform;
  let directory: string;
  beforeAll(async () => {
    platform = await startTestPlatform(backend);
    directory = await mkdtemp(join(tmpdir(), "cpt-uploads-"));
  });
  afterAll(async () => {
    await platform.stop();
    await rm(directory, { recursive: true, force: true });
  });

  it("records a list, completes provisional releases, publishes through Redis, and changes nothing the second time", async () => {
    await platform.database.db
      .insert(uploads)
      .values({ dist: "Import-Known", version: "3.1", author: null, provisional: true });
    const everything = subscribe(platform.url, UPLOADS, {});
    await waitForSubscribers(platform.events, Topic.uploadAdded, 1);
    const file = join(directory, "uploads.txt");
    await writeFile(file, UPLOADS_LIST);
    const env = {
      DATABASE_URL: platform.databaseUrl ?? "",
      REDIS_URL: backend.redisUrl ?? "",
      REDIS_PREFIX: platform.channelPrefix,
    };

    expect(await runCli(["uploads:import", file], env)).toEqual({
      code: 1,
      stdout: "2 uploads added, 1 completed, 1 already known; 1 invalid lines skipped\n",
      stderr: `${file}:6: expected "AUTHOR/Dist-Name-1.23.tar.gz" or "cpan:///distfile/AUTHOR/Dist-Name-1.23.tar.gz", got "BOB/README" (not a .tar.gz, .tgz, .tar.bz2, .tar.xz or .zip file)\n`,
    });
    const row = (dist: string, version: string, author: string, filename: string, at: string, maturity = "stable") => ({
      dist,
      version,
      author,
      filename,
      releasedAt: new Date(at),
      location: "cpan",
      maturity,
      provisional: false,
    });
    const expectedRows = [
      row("Import-Known", "3.1", "CAROL", "Import-Known-3.1.zip", "2026-05-02T22:00:00Z"),
      row("Import-One", "1.00", "ALICE", "Import-One-1.00.tar.gz", "2026-05-01T10:00:00Z"),
      row("Import-Two", "0.01_01", "BOB", "Import-Two-0.01_01.tar.gz", "2026-05-01T10:00:00Z", "dev"),
    ];
    expect(await uploadRows(platform, ["Import-Known", "Import-One", "Import-Two"])).toEqual(expectedRows);
    const events = (await everything.waitForCount(3)).map((r) => r.data?.uploadAdded);
    expect(events.sort((a, b) => (a?.dist ?? "").localeCompare(b?.dist ?? ""))).toEqual(
      expectedRows.map((r) => ({
        dist: r.dist,
        version: r.version,
        author: r.author,
        filename: r.filename,
        releasedAt: r.releasedAt.toISOString(),
        maturity: r.maturity.toUpperCase(),
      })),
    );

    expect(await runCli(["uploads:import", file], env)).toMatchObject({
      code: 1,
      stdout: "0 uploads added, 0 completed, 4 already known; 1 invalid lines skipped\n",
    });
    expect(await uploadRows(platform, ["Import-Known", "Import-One", "Import-Two"])).toEqual(expectedRows);
    // A new upload after the second import is the fourth event: the second import published none.
    const next = join(directory, "next.txt");
    await writeFile(next, "ALICE/Import-Three-1.0.tar.gz 2026-05-10T00:00:00Z\n");
    expect(await runCli(["uploads:import", next], env)).toEqual({
      code: 0,
      stdout: "1 uploads added, 0 completed, 0 already known\n",
      stderr: "",
    });
    expect((await everything.waitForCount(4))[3]?.data?.uploadAdded.dist).toBe("Import-Three");
    await everything.dispose();
  });
});
