import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium, type Page } from "playwright-core";

export { chromiumPath, NO_CHROMIUM } from "./chromium.js";

export interface TestBrowser {
  context: BrowserContext;
  /** A new tab that records its console errors and uncaught exceptions in `errors`. */
  open(url: string): Promise<{ page: Page; errors: string[] }>;
  close(): Promise<void>;
}

/** Headless Chromium with a fresh profile and nothing that talks to the network on its own. */
export async function launchBrowser(executablePath: string): Promise<TestBrowser> {
  const userDataDir = await mkdtemp(join(tmpdir(), "cpt-chromium-"));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-gpu",
    ],
    viewport: { width: 1280, height: 900 },
  });
  return {
    context,
    async open(url) {
      const page = await context.newPage();
      const errors: string[] = [];
      page.on("console", (message) => {
        if (message.type() === "error") errors.push(message.text());
      });
      page.on("pageerror", (error) => errors.push(error.message));
      await page.goto(url);
      return { page, errors };
    },
    async close() {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Resolves once the page's script has hydrated it (the root has React's fiber attached). */
export async function hydrated(page: Page): Promise<void> {
  await page.waitForFunction(
    'Object.keys(document.getElementById("app") ?? {}).some((key) => key.startsWith("__reactContainer"))',
  );
}
