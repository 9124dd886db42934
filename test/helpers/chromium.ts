import { existsSync } from "node:fs";

/** CHROMIUM_PATH, else Debian's chromium; undefined when neither exists. */
export function chromiumPath(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"];
  return candidates.find((path): path is string => !!path && existsSync(path));
}

export const NO_CHROMIUM =
  "browser tests not run: no Chromium found; install one (apt-get install chromium) or set CHROMIUM_PATH";
