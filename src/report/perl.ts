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
    series: `${major}.${minor}`,
    maturity: (minor >= 7 && minor % 2 === 1) || rc ? "dev" : "stable",
    patched: rc || /patch/i.test(suffix),
  };
}
