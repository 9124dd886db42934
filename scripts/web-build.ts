import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "vite";

const root = fileURLToPath(new URL("..", import.meta.url));
const configFile = join(root, "vite-web.config.ts");
/** What the server imports; built last, so its age is the build's. */
export const SSR_ENTRY = join(root, "dist", "web-app", "ssr", "entry-server.js");

function newestIn(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestIn(join(path, name))));
}

/** True when a file of web/ (or the render contract) changed after the last build. */
export function webBuildIsStale(): boolean {
  if (!existsSync(SSR_ENTRY)) return true;
  const sources = Math.max(newestIn(join(root, "web")), newestIn(join(root, "src", "web", "render.contract.ts")));
  return sources > statSync(SSR_ENTRY).mtimeMs;
}

/** Builds the browser bundle, then the server-side renderer (as `npm run build` does). */
export async function buildWeb(): Promise<void> {
  // React's production build whatever the caller's NODE_ENV (vitest sets `test`), then put it back
  // for the processes the caller starts next.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = "production";
  try {
    await build({ configFile, mode: "production" });
    await build({ configFile, mode: "ssr" });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
}

/** Builds the web app when it is missing or older than its sources: tests and benchmarks call it. */
export async function ensureWebBuild(): Promise<void> {
  if (webBuildIsStale()) await buildWeb();
}

// `node --import tsx scripts/web-build.ts [--if-stale]`: npm run build and npm run build:web.
if (import.meta.url === `file://${process.argv[1]}`) {
  await (process.argv.includes("--if-stale") ? ensureWebBuild() : buildWeb());
}
