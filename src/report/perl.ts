/**
 * The perl a report ran on, with the original ETL's derived fields (PROTOCOLS section 4).
 */
export interface PerlVersion {
  /** As reported minus a leading `v`, trimmed; old numeric forms become dotted (`5.008008` → `5.8.8`). */
  perl: string;
  major: number;
  minor: number;
  patch: number;
  /** `5.36` */
  series: string;
  /** Dev: an odd minor from 5.7 on (5.7, 5.9, ... 5.41), or a release candidate. */
  maturity: "stable" | "dev";
  /** Built from a patched tree or an RC: the text carries `patch` or `RC`. */
  patched: boolean;
}

const DOTTED = /^(\d+)\.(\d+)\.(\d+)(.*)$/s;
// `$]` style: 5.008008, 5.010 (three-digit groups only; 5.00503 is too ambiguous to guess).
const NUMERIC = /^(5)\.(\d{3})(\d{3})?(\s.*)?$/s;
const RC = /(?<![a-z])rc(?![a-z])/i;

/**
 * Parses a Perl 5 version as testers report it (`5.8.8`, `v5.10.1`, `5.36.0 RC1`,
 * `5.10.1 patch 12345`, `5.008008`). Anything else, Perl 6/Raku versions included, gives
 * `null`: the caller decides whether that is an error or a report not to count.
 */
export function parsePerlVersion(input: string): PerlVersion | null {
  const text = input.trim().replace(/^v(?=\d)/i, "");
  const dotted = DOTTED.exec(text);
  const numeric = dotted ? null : NUMERIC.exec(text);
  const parts = dotted ?? numeric;
  if (!parts) return null;
  const [major, minor, patch] = [Number(parts[1]), Number(parts[2]), Number(parts[3] ?? 0)];
  if (major !== 5) return null;
  const suffix = parts[4] ?? "";
  const perl = numeric ? `${major}.${minor}.${patch}${suffix}` : text;
  const rc = RC.test(suffix);
  return {
    perl,
    major,
    minor,
    patch,
    series: perlSeriesName({ major, minor }),
    maturity: (minor >= 7 && minor % 2 === 1) || rc ? "dev" : "stable",
    patched: rc || /patch/i.test(suffix),
  };
}

/** A perl series: 5.36 is { major: 5, minor: 36 }. Reports are counted and filtered by series. */
export interface PerlSeries {
  major: number;
  minor: number;
}

const SERIES = /^5\.(\d{1,3})$/;

/**
 * A perl series as people write it, `5.36` (Perl 5, a minor of up to three digits); null for
 * anything else (`5.36.1`, `6.0`, `5`). The one rule of every filter that takes a series.
 */
export function parsePerlSeries(text: string): PerlSeries | null {
  const match = SERIES.exec(text);
  return match ? { major: 5, minor: Number(match[1]) } : null;
}

/** `{ major: 5, minor: 36 }` → `5.36`: a series as reports, rollups and events carry it. */
export function perlSeriesName(series: PerlSeries): string {
  return `${series.major}.${series.minor}`;
}

/** The series a perl version belongs to (`5.36.1 RC1` → 5.36); null for anything but Perl 5. */
export function perlSeriesOf(version: string): PerlSeries | null {
  const perl = parsePerlVersion(version);
  return perl && { major: perl.major, minor: perl.minor };
}
