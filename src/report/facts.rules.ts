import type { ReportFacts } from "./derive.js";
import type { InputError } from "./report.types.js";

/**
 * The longest value the ETL stores per report column, in characters. Postgres refuses a btree
 * entry over 2,704 bytes, and these columns are indexed, some together (dist, version, perl
 * series, osname and grade key a matrix cell): at 4 bytes a character every key stays under it.
 */
export const FACT_LENGTH_LIMITS = {
  dist: 200,
  version: 100,
  tester: 512,
  perl: 100,
  platform: 255,
  osname: 100,
  osversion: 255,
} as const;

/** Perl version parts are stored as smallints, and a series is written with up to three digits. */
export const PERL_PART_MAX = 999;

const EARLIEST = Date.UTC(1970, 0, 1);
const LATEST = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

// Where each column comes from in the stored document, so that an error points at the input.
const SOURCE: Record<keyof typeof FACT_LENGTH_LIMITS, string> = {
  dist: "/distribution/name",
  version: "/distribution/version",
  tester: "/reporter",
  perl: "/environment/language/version",
  platform: "/environment/language/archname",
  osname: "/environment/system/osname",
  osversion: "/environment/system/osversion",
};

/**
 * What keeps derived facts from being written: the rules the database enforces, checked before
 * it has to. Empty when the ETL can count the report.
 */
export function factErrors(facts: ReportFacts, created: string): InputError[] {
  const errors: InputError[] = [];
  for (const [column, limit] of Object.entries(FACT_LENGTH_LIMITS) as [keyof typeof FACT_LENGTH_LIMITS, number][]) {
    const value = facts[column];
    if (value !== null && value.length > limit) {
      errors.push({ path: SOURCE[column], message: `must be at most ${limit} characters long, got ${value.length}` });
    }
  }
  const parts = { minor: facts.perlMinor, patch: facts.perlPatch };
  for (const [part, value] of Object.entries(parts)) {
    if (value !== null && !(value <= PERL_PART_MAX)) {
      errors.push({
        path: SOURCE.perl,
        message: `must have a ${part} version of at most ${PERL_PART_MAX}, got ${String(value)}`,
      });
    }
  }
  const time = facts.submittedAt.getTime();
  if (Number.isNaN(time)) {
    errors.push({ path: "/created", message: `must be an ISO date-time, got ${JSON.stringify(created)}` });
  } else if (time < EARLIEST || time > LATEST) {
    errors.push({ path: "/created", message: `must be a date-time from 1970 to 9999, got ${JSON.stringify(created)}` });
  }
  return errors;
}
