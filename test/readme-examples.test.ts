import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { Kind, type OperationDefinitionNode, OperationTypeNode, parse } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Topic } from "../src/events/index.js";
import { seedCatalogue } from "./factories/catalogue.js";
import { v3Report } from "./factories/report.factory.js";
import { testBackends } from "./helpers/database.js";
import { startTestPlatform, type TestPlatform } from "./helpers/server.js";
import { graphqlWsUrl, subscribe } from "./helpers/subscriber.js";
import { waitFor } from "./helpers/wait.js";

const root = new URL("..", import.meta.url).pathname;
const readme = readFileSync(join(root, "README.md"), "utf8");

/** The fenced blocks of one language, in order. */
function fencedBlocks(language: string): string[] {
  const fence = new RegExp("^```" + language + "\\n([\\s\\S]*?)^```$", "gm");
  return [...readme.matchAll(fence)].map((match) => match[1] ?? "");
}

const graphqlBlocks = fencedBlocks("graphql").map((text) => {
  const [operation] = parse(text).definitions as OperationDefinitionNode[];
  return { text, operation: operation?.operation, name: operation?.name?.value ?? "(anonymous)" };
});

// What the examples are about, published as the ETL and upload intake would.
const upload = {
  dist: "Data-Printer",
  version: "1.002001",
  author: "GARU",
  filename: "Data-Printer-1.002001.tar.gz",
  releasedAt: "2026-11-28T10:00:00.000Z",
  maturity: "stable",
} as const;

describe("the README's examples", () => {
  it("has the examples this test runs", () => {
    expect(graphqlBlocks.map(({ operation }) => operation)).toEqual(
      expect.arrayContaining(["query", "mutation", "subscription"]),
    );
    expect(fencedBlocks("js")).toHaveLength(1);
    // Each block is pasted alone: one operation a block, or a console refuses it.
    for (const { text } of graphqlBlocks) {
      expect(
        parse(text).definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION),
        text,
      ).toHaveLength(1);
    }
  });
});

describe.each(testBackends())("the README's examples on $name", (backend) => {
  let platform: TestPlatform;
  beforeAll(async () => {
    platform = await startTestPlatform(backend, { allowAnonymousReports: true });
    await seedCatalogue(platform.database.db);
  });
  afterAll(() => platform.stop());

  /** True once a subscription of `topic` is open and events reach it. */
  const listening = (topic: Topic) =>
    platform.events.subscribers(topic) > 0 && platform.events.delivers(topic) ? true : undefined;

  it.each(graphqlBlocks.filter(({ operation }) => operation === OperationTypeNode.QUERY))(
    "runs the query $name with data and no errors",
    async ({ text }) => {
      const result = await platform.graphql<Record<string, unknown>>(text);
      expect(result.errors).toBeUndefined();
      for (const [field, value] of Object.entries(result.data ?? {})) expect(value, field).not.toBeNull();
    },
  );

  it("runs each subscription, and the mutation that submits the report they hear about", async () => {
    const subscriptions = graphqlBlocks
      .filter(({ operation }) => operation === OperationTypeNode.SUBSCRIPTION)
      .map(({ text }) => subscribe(platform.url, parse(text) as TypedDocumentNode<Record<string, unknown>>));
    try {
      // A conversation is open to its author and tester only: its subscription needs a session.
      const publicTopics = Object.values(Topic).filter((topic) => topic !== Topic.conversationUpdated);
      for (const topic of publicTopics) await waitFor(() => listening(topic), `a ${topic} subscriber`);

      const [mutation] = graphqlBlocks.filter(({ operation }) => operation === OperationTypeNode.MUTATION);
      const { id: _server, ...report } = v3Report({
        dist: "Data-Printer",
        version: "0.39",
        grade: "fail",
        osname: "MSWin32",
        perl: "5.38.2",
      });
      const submitted = await platform.graphql<{ submitReport: { id: string; created: boolean } }>(
        mutation?.text ?? "",
        { report },
      );
      expect(submitted.errors).toBeUndefined();
      expect(submitted.data?.submitReport.created).toBe(true);
      platform.events.emit(Topic.uploadAdded, upload);
      platform.events.emit(Topic.regressionDetected, {
        dist: "Data-Printer",
        version: "0.39",
        previousVersion: "0.38",
        author: "GARU",
        cells: [{ perlSeries: "5.38", osname: "MSWin32", passedBefore: 3, failsNow: 1 }],
        detectedAt: new Date().toISOString(),
      });

      for (const subscription of subscriptions) {
        const [event] = await subscription.waitForCount(1);
        expect(event?.errors).toBeUndefined();
        expect(Object.values(event?.data ?? {})).not.toContain(null);
      }
    } finally {
      await Promise.all(subscriptions.map((subscription) => subscription.dispose()));
    }
  }, 60_000);

  it("runs the JavaScript client as written, printing an event", async () => {
    const [script = ""] = fencedBlocks("js");
    const directory = mkdtempSync(join(tmpdir(), "cpt-readme-"));
    // The example imports graphql-ws and ws as a user's project would have them installed.
    symlinkSync(join(root, "node_modules"), join(directory, "node_modules"));
    const file = join(directory, "uploads.mjs");
    writeFileSync(file, script.replace("ws://127.0.0.1:4000/graphql", graphqlWsUrl(platform.url)));
    const child = spawn(process.execPath, [file], {
      cwd: directory,
      env: { PATH: process.env.PATH ?? "" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = once(child, "exit");
    try {
      // Published until the example has subscribed and printed one: events are not stored.
      await waitFor(
        () => {
          if (stdout.includes("\n") || child.exitCode !== null) return true;
          platform.events.emit(Topic.uploadAdded, upload);
          return undefined;
        },
        "the example to print an event",
        45_000,
      );
      expect(child.exitCode, stderr).toBeNull();
      expect(stderr).toBe("");
      expect(JSON.parse(stdout.split("\n")[0] ?? "")).toEqual({
        uploadAdded: { dist: upload.dist, version: upload.version, author: upload.author },
      });
    } finally {
      child.kill("SIGTERM");
      await exited;
      rmSync(directory, { recursive: true, force: true });
    }
  }, 60_000);
});
