import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { createServer } from "node:net";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import desktopConfig from "lighthouse/core/config/desktop-config.js";
import { ensureWebBuild } from "./web-build.js";

/**
 * `npm run lighthouse`: starts the platform on an empty in-memory database, sends it a few dozen
 * reports through its own intake, and prints Lighthouse's performance and accessibility scores
 * (desktop preset) of the home, distribution and report pages. Chromium: CHROMIUM_PATH, else
 * /usr/bin/chromium. With LIGHTHOUSE_BASE (a running platform, e.g. one serving the benchmark's
 * database, where authors have uploads), it audits LIGHTHOUSE_PAGES there instead and sends nothing.
 */
const PAGES = (process.env.LIGHTHOUSE_PAGES ?? "/,/dist/Data-Printer,/report/{guid}").split(",");
const RUNNING = process.env.LIGHTHOUSE_BASE;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

async function waitFor<T>(check: () => Promise<T | undefined>, what: string, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

function report(version: string, perl: string, osname: string, grade: string) {
  return {
    id: randomUUID(),
    created: new Date().toISOString(),
    reporter: { name: "Ada Tester", email: "ada@example.org" },
    environment: {
      language: { name: "Perl 5", version: perl, archname: `x86_64-${osname}` },
      system: { osname, osversion: "6.1.0" },
    },
    distribution: { name: "Data-Printer", version },
    result: {
      grade,
      output: {
        configure: "Checking prerequisites...\nWriting Makefile for Data::Printer\n",
        test:
          grade === "fail"
            ? "t/01-dump.t .. \nnot ok 3 - dumps a hash\nFailed 1/9 subtests\n"
            : "All tests successful.\n",
      },
    },
  };
}

/** Sends the platform started below a few dozen reports once it is ready; the first one's GUID. */
async function seededPlatform(base: string): Promise<string> {
  await waitFor(async () => ((await fetch(`${base}/readyz`)).ok ? true : undefined), "the platform");
  const guids: string[] = [];
  for (const version of ["1.000", "1.001", "1.002"])
    for (const perl of ["5.40.1", "5.38.2", "5.36.0", "5.41.3"])
      for (const os of ["linux", "darwin", "MSWin32", "freebsd"]) {
        const grade = guids.length % 6 === 0 ? "fail" : "pass";
        const body = report(version, perl, os, grade);
        const response = await fetch(`${base}/v3/report`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(body),
        });
        if (response.status !== 201) throw new Error(`report refused: ${response.status} ${await response.text()}`);
        guids.push(body.id);
      }
  const guid = guids[0] as string;
  await waitFor(async () => ((await fetch(`${base}/report/${guid}`)).status === 200 ? true : undefined), "the ETL");
  return guid;
}

const port = await freePort();
const base = RUNNING ?? `http://127.0.0.1:${port}`;
if (!RUNNING) await ensureWebBuild();
const server = RUNNING
  ? undefined
  : spawn(process.execPath, ["--import", "tsx", "src/cli.ts", "serve"], {
      env: {
        ...process.env,
        PORT: String(port),
        DATA_DIR: "memory://",
        ALLOW_ANONYMOUS_REPORTS: "true",
        RATE_LIMITS: "false",
        SHED_EVENT_LOOP_DELAY_MS: "0",
        LOG_LEVEL: "warn",
        LOG_FORMAT: "json",
      },
      stdio: ["ignore", "ignore", "inherit"],
    });
let chrome: chromeLauncher.LaunchedChrome | undefined;
try {
  const guid = server ? await seededPlatform(base) : "";
  chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    chromeFlags: [
      "--headless=new",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-sync",
    ],
  });
  for (const path of PAGES) {
    const url = base + path.replace("{guid}", guid);
    const result = await lighthouse(
      url,
      { port: chrome.port, output: "json", logLevel: "error", onlyCategories: ["performance", "accessibility"] },
      desktopConfig,
    );
    const categories = result?.lhr.categories ?? {};
    const score = (name: string) => Math.round((categories[name]?.score ?? 0) * 100);
    console.log(`${path.padEnd(22)} performance ${score("performance")}  accessibility ${score("accessibility")}`);
    for (const audit of Object.values(result?.lhr.audits ?? {})) {
      if (audit.score !== null && audit.score < 0.9 && audit.scoreDisplayMode !== "informative")
        console.log(`  ${audit.id}: ${audit.title} (${audit.displayValue ?? audit.score})`);
      if (audit.score !== null && audit.score < 0.9 && process.env.LIGHTHOUSE_DETAILS) {
        const items =
          (audit.details as { items?: { node?: { snippet?: string; explanation?: string } }[] } | undefined)?.items ??
          [];
        for (const item of items.slice(0, 5))
          console.log(`    ${item.node?.snippet ?? ""} ${item.node?.explanation ?? ""}`);
      }
    }
  }
} finally {
  chrome?.kill();
  server?.kill("SIGTERM");
}
