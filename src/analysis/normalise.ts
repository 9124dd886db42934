/**
 * Normalises a failure message so that the same failure on two machines reads the same: paths
 * lose their machine-specific prefix, temporary directories and addresses their varying parts,
 * and long numbers (times, pids, sizes) become `N`.
 */

const MAX_MESSAGE = 200;

// An absolute Unix or Windows path, with an optional ` line 12` after it.
const ABSOLUTE_PATH = /(?<![\w./\\-])(?:[A-Za-z]:[\\/]|\/)[^\s'"(),:;]+(?: line (\d+))?/g;
const TEMP_DIR = /^(?:\/private)?\/(?:tmp|var\/tmp|var\/folders)\/|\\Temp\\/i;
// The part of an installed path after the last lib directory: `Foo/Bar.pm`.
const AFTER_LIB =
  /^.*[\\/](?:blib[\\/](?:lib|arch)|lib(?:[\\/]perl5)?(?:[\\/][\d.]+)?(?:[\\/][\w.-]+-linux[\w-]*)?)[\\/]/;

export function normaliseMessage(message: string): string {
  const text = message
    // The @INC list differs on every machine and says nothing about the failure.
    .replace(/\s*\((?:you may need to install|@INC (?:contains|entries checked)).*$/s, "")
    .replace(ABSOLUTE_PATH, (match: string, line: string | undefined) =>
      normalisePath(match.replace(/ line \d+$/, ""), line),
    )
    .replace(/\b0x[0-9a-f]+\b/gi, "0x?")
    .replace(/\b\d{4,}(?:\.\d+)?\b/g, "N")
    .replace(/\b\d+\.\d{3,}\b/g, "N")
    .replace(/\s+/g, " ")
    .trim();
  return text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE - 1)}…` : text;
}

/**
 * A dist's own files (blib/, a relative path) keep their line: the same release has the same
 * lines everywhere. An installed module keeps only its module path, and its line becomes `N`:
 * it differs between installed versions of that module.
 */
function normalisePath(path: string, line: string | undefined): string {
  const ownFile = /[\\/]blib[\\/]/.test(path);
  let short: string;
  if (TEMP_DIR.test(path)) short = "<tmp>/" + lastPart(path);
  else if (AFTER_LIB.test(path)) short = path.replace(AFTER_LIB, "");
  else {
    // A dist's own work directory (`.../Foo-Bar-1.00/t/basic.t`) keeps its path from t/ or lib/.
    const own = /[\\/]((?:t|xt|lib|inc|script|bin)[\\/].*)$/.exec(path);
    short = own?.[1] ?? lastPart(path);
  }
  short = short.replace(/\\/g, "/");
  if (line === undefined) return short;
  return `${short} line ${ownFile || !/\.pm$/.test(short) ? line : "N"}`;
}

function lastPart(path: string): string {
  return path.split(/[\\/]/).filter(Boolean).pop() ?? path;
}
