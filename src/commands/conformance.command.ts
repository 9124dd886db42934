import { randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { Command } from "commander";
import { pino } from "pino";
import { loadConfig } from "../config.js";
import { openDatabase } from "../db/client.js";
import { migrate } from "../db/migrate.js";
import { createApiToken, registerTester } from "../db/queries/tester.queries.js";
import { verifyDerivedCounts } from "../db/queries/derived.queries.js";
import { etlStatus } from "../db/queries/document-queue.queries.js";
import { startEtlWorker } from "../etl/worker.js";
import { createMemoryEventBus } from "../events/memory-event-bus.js";
import { checkConformance, type ConformanceResult, fromStoredForm } from "../report/index.js";
import { startServer } from "../server/serve.js";

/** The entry for the state of the platform after every sample went through. */
const PLATFORM = "(platform)";

interface Sample {
  name: string;
  json: unknown;
}

/**
 * `conformance <folder>`: runs real report samples through the report model and then end to end
 * through a throwaway in-memory platform (HTTP intake, ETL, counts). Exits non-zero if any sample
 * is not handled as it must be: accepted and counted, or rejected when its name says `invalid`.
 */
export function conformanceCommand(): Command {
  return new Command("conformance")
    .description("check a folder of real report samples, end to end, on a throwaway in-memory platform")
    .argument("<folder>", "report samples (*.json); a sample whose name says `invalid` must be rejected")
    .action(checkFolder);
}

async function checkFolder(folder: string): Promise<void> {
  const names = (await readdir(folder)).filter((name) => name.endsWith(".json")).sort();
  const samples: Sample[] = await Promise.all(
    names.map(async (name) => ({ name, json: JSON.parse(await readFile(join(folder, name), "utf8")) as unknown })),
  );
  const model = checkConformance(samples);
  const endToEnd = await throughThePlatform(samples, model);

  let failures = 0;
  for (const result of model) {
    const e2e = endToEnd.get(result.name);
    const ok = result.ok && (e2e?.ok ?? true);
    if (!ok) failures += 1;
    process.stdout.write(
      `${ok ? "ok  " : "FAIL"} ${result.name} [${result.kind}] ${result.detail}${e2e ? `; ${e2e.detail}` : ""}\n`,
    );
  }
  const platform = endToEnd.get(PLATFORM);
  if (platform && !platform.ok) failures += 1;
  process.stdout.write(`${platform?.ok ? "ok  " : "FAIL"} after processing: ${platform?.detail ?? "not run"}\n`);
  process.stdout.write(`${model.length} samples, ${failures} failures\n`);
  if (failures > 0) process.exitCode = 1;
}

async function throughThePlatform(
  samples: Sample[],
  model: ConformanceResult[],
): Promise<Map<string, { ok: boolean; detail: string }>> {
  const log = pino({ level: "silent" });
  const database = await openDatabase({ dataDir: "memory://" });
  await migrate(database);
  const events = createMemoryEventBus();
  const server = await startServer(
    { ...loadConfig({}), host: "127.0.0.1", port: 0, redisUrl: undefined, accounts: undefined },
    { database, events, log },
  );
  const worker = await startEtlWorker({ database, events, log }, { batchSize: 100, pollIntervalMs: 200 });
  const { db } = database;
  const tester = { id: randomUUID(), fullName: "Conformance Run", email: "conformance@example.invalid" };
  await registerTester(db, tester, randomUUID());
  const token = await createApiToken(db, tester.id, "conformance");
  const secret = randomUUID();

  const post = async (path: string, body: unknown, authorization: string) => {
    const response = await fetch(`${server.url}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization },
      body: JSON.stringify(body),
    });
    return `${response.status} ${await response.text()}`;
  };
  const results = new Map<string, { ok: boolean; detail: string }>();
  try {
    for (const { name, kind } of model) {
      const sample = samples.find((s) => s.name === name)?.json;
      const mustFail = /invalid/i.test(name);
      let answer: string;
      if (kind === "v3") {
        answer = await post("/v3/report", sample, `Bearer ${token}`);
      } else if (kind === "metabase-stored" || kind === "metabase-submit") {
        const fact = kind === "metabase-stored" ? fromStoredForm(sample as Record<string, unknown>, name) : sample;
        const creator = /metabase:user:([0-9a-f-]{36})/i.exec(JSON.stringify(fact))?.[1] ?? tester.id;
        await registerTester(db, { id: creator, fullName: "Sample Tester", email: "sample@example.invalid" }, secret);
        const basic = Buffer.from(`${creator}:${secret}`).toString("base64");
        answer = await post("/api/v1/submit/CPAN-Testers-Report", fact, `Basic ${basic}`);
      } else {
        continue;
      }
      const accepted = answer.startsWith("201");
      results.set(name, { ok: accepted !== mustFail, detail: `HTTP ${answer.slice(0, 160)}` });
    }
    const deadline = Date.now() + 10_000;
    while ((await etlStatus(db)).pending > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const status = await etlStatus(db);
    const mismatches = await verifyDerivedCounts(db);
    results.set(PLATFORM, {
      ok: status.pending === 0 && status.failed === 0 && mismatches.length === 0,
      detail: `${status.pending} waiting, ${status.failed} failed, ${mismatches.length} count mismatches`,
    });
  } finally {
    await server.stop();
    await worker.stop();
    await events.close();
    await database.close();
  }
  return results;
}
