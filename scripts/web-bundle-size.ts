import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

/** Gzipped JavaScript one page may load on its first visit. */
export const FIRST_LOAD_LIMIT_BYTES = 150 * 1024;

interface ManifestChunk {
  file: string;
  imports?: string[];
  isEntry?: boolean;
}

/**
 * The gzipped JavaScript each page loads first: the entry chunk and the page's chunk, with every
 * chunk they import statically (what the server preloads). Chunks loaded later (a chart) are not
 * counted: they arrive after the page is usable.
 */
export function firstLoadSizes(buildDir: string): Map<string, number> {
  const clientDir = join(buildDir, "client");
  const manifest = JSON.parse(readFileSync(join(clientDir, ".vite", "manifest.json"), "utf8")) as Record<
    string,
    ManifestChunk
  >;
  const gzipped = new Map<string, number>();
  const sizeOf = (file: string) => {
    let size = gzipped.get(file);
    if (size === undefined)
      gzipped.set(file, (size = gzipSync(readFileSync(join(clientDir, file)), { level: 9 }).length));
    return size;
  };
  const closure = (key: string, into: Set<string>) => {
    const chunk = manifest[key];
    if (!chunk || into.has(chunk.file)) return;
    into.add(chunk.file);
    for (const imported of chunk.imports ?? []) closure(imported, into);
  };
  const entry = Object.keys(manifest).find((key) => manifest[key]?.isEntry);
  if (!entry) throw new Error("the manifest has no entry chunk");
  const sizes = new Map<string, number>();
  for (const key of Object.keys(manifest).filter((k) => /^pages\/[^/]+\/\w+Page\.tsx$/.test(k))) {
    const files = new Set<string>();
    closure(entry, files);
    closure(key, files);
    sizes.set(
      key,
      [...files].filter((f) => f.endsWith(".js")).reduce((sum, f) => sum + sizeOf(f), 0),
    );
  }
  return sizes;
}

// `npm run web:size`: prints each page's first-load JavaScript and fails above the limit.
if (import.meta.url === `file://${process.argv[1]}`) {
  const { WEB_BUILD_DIR } = await import("../src/web/site.plugin.js");
  let over = false;
  for (const [page, bytes] of firstLoadSizes(WEB_BUILD_DIR)) {
    over ||= bytes > FIRST_LOAD_LIMIT_BYTES;
    console.log(`${page.padEnd(36)} ${(bytes / 1024).toFixed(1).padStart(6)} KB gzipped`);
  }
  if (over) {
    console.error(`a page loads more than ${FIRST_LOAD_LIMIT_BYTES / 1024} KB of gzipped JavaScript first`);
    process.exit(1);
  }
}
