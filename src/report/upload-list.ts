import { parseDistfile } from "./distname.js";

/*
 * The uploads list format (README, "Importing uploads"): one upload per line,
 *
 *     AUTHOR/Dist-Name-1.23.tar.gz  2026-11-28T10:00:00Z
 *
 * the distribution file as on CPAN (also `A/AU/AUTHOR/...` or `authors/id/A/AU/AUTHOR/...`) and
 * when it was released, as an ISO 8601 date-time with its zone or as epoch seconds, separated by
 * whitespace. Blank lines and everything after a `#` are ignored.
 */

/** An upload as PAUSE announces it: every field known. */
export interface NewUpload {
  dist: string;
  version: string;
  author: string;
  /** Below the author directory, e.g. `Foo-Bar-1.23.tar.gz`. */
  filename: string;
  releasedAt: Date;
  maturity: "stable" | "dev";
  /** Still on CPAN (the default), or only on BackPAN (an upload the original imported as such). */
  location?: "cpan" | "backpan";
}

/** What recording an upload changed: a new release, a provisional one completed, or nothing. */
export type UploadChange = "added" | "completed" | "unchanged";

/** What is wrong with a line, in words that say what was expected and what was found. */
export interface UploadLineError {
  error: string;
}

const ISO_DATE_TIME = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d)(?::(\d\d)(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)$/i;
const EPOCH_SECONDS = /^\d{1,12}$/;

/** One line of an uploads list: an upload, null for a blank or comment line, or what is wrong with it. */
export function parseUploadLine(line: string): NewUpload | UploadLineError | null {
  const content = line.replace(/#.*$/, "").trim();
  if (content === "") return null;
  const fields = content.split(/\s+/);
  if (fields.length !== 2) {
    return {
      error: `expected "AUTHOR/Dist-Name-1.23.tar.gz <released>", got ${fields.length} field${fields.length === 1 ? "" : "s"}`,
    };
  }
  const [distfile = "", released = ""] = fields;
  const releasedAt = parseReleased(released);
  if (!releasedAt) {
    return {
      error: `expected the release time as an ISO 8601 date-time with its zone (2026-11-28T10:00:00Z) or epoch seconds, got ${JSON.stringify(released)}`,
    };
  }
  return newUpload(distfile, releasedAt);
}

/** An upload of a distribution file (`AUTHOR/Dist-Name-1.23.tar.gz`) at a time, or what is wrong with the file. */
export function newUpload(distfile: string, releasedAt: Date): NewUpload | UploadLineError {
  const file = parseDistfile(distfile);
  if (!file.ok) return { error: file.message };
  if (file.version === "") return { error: `expected a version in the file name, got ${JSON.stringify(distfile)}` };
  return {
    dist: file.dist,
    version: file.version,
    author: file.author.toUpperCase(),
    filename: file.filename,
    releasedAt,
    maturity: file.maturity,
  };
}

/** An ISO 8601 date-time with zone, or epoch seconds; undefined for anything else. */
export function parseReleased(text: string): Date | undefined {
  if (EPOCH_SECONDS.test(text)) return new Date(Number(text) * 1000);
  const parts = ISO_DATE_TIME.exec(text);
  if (!parts) return undefined;
  const [year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0] = parts
    .slice(1, 7)
    .map((part) => Number(part ?? 0));
  // Date rolls 2026-02-30 over into March; a list with that date is wrong, not early March.
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const valid = month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth && hour < 24 && minute < 60 && second < 60;
  if (!valid) return undefined;
  return new Date(text);
}
