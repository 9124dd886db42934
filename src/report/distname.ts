/**
 * CPAN::DistnameInfo (0.12) rules: split a CPAN distribution file into author, dist and version.
 *
 * Deliberate differences from the Perl module:
 * - `.tar.xz` and plain `.tar` are recognised besides `.tar.gz .tgz .tar.bz2 .tar.Z .zip`.
 * - maturity follows PROTOCOLS section 4 (version contains `_`, or ends in `-TRIAL`/`-TRIALn`)
 *   instead of the module's narrower `\d\D\d+_\d`; perl's own tarballs keep the module's rule.
 * - like the module, `-TRIAL` stays in the version (`1.23-TRIAL`): the upload of the same number
 *   without it is a different release, and the uploads table keys on the same parse.
 */

export type DistMaturity = "stable" | "dev";

export interface DistfileInfo {
  ok: true;
  /** The PAUSE id, as written in the path. */
  author: string;
  dist: string;
  /** `""` when the file name carries no version (`Foo-Bar.tar.gz`). */
  version: string;
  maturity: DistMaturity;
  /** Path below the author directory, e.g. `Foo-Bar-1.23.tar.gz` or `sub/Foo-Bar-1.23.tar.gz`. */
  filename: string;
  /** File name without its extension, e.g. `Foo-Bar-1.23`. */
  distvname: string;
  /** Without the leading dot, as CPAN::DistnameInfo reports it: `tar.gz`, `zip`, ... */
  extension: string;
}

export interface DistfileFailure {
  ok: false;
  reason: "no-author" | "not-an-archive" | "empty-dist";
  message: string;
}

const RESOURCE_PREFIX = "cpan:///distfile/";
const EXPECTED = `expected "AUTHOR/Dist-Name-1.23.tar.gz" or "${RESOURCE_PREFIX}AUTHOR/Dist-Name-1.23.tar.gz"`;
const ARCHIVE = /([^/]+)\.(tar(?:\.(?:g?z|bz2|xz))?|zip|tgz)$/i;
const AUTHOR = /^[A-Za-z][-A-Za-z0-9]*$/;
// The CPAN::DistnameInfo regex with one change: `[A-Za-z0-9]+` became `[A-Za-z0-9]` inside the
// `*`. Same language and same first match (fuzzed against the original), but the original tries
// every split of a digit run and takes seconds on `1111111111111111111111111111.tar.gz`.
const DIST_VERSION =
  /^((?:[-+.]*(?:[A-Za-z0-9]|(?<=\D)_|_(?=\D))*(?:[A-Za-z](?=[^A-Za-z]|$)|\d(?=-))(?<![._-][vV]))+)(.*)$/s;

/** Parses `AUTHOR/Foo-1.23.tar.gz`, `A/AU/AUTHOR/...`, `authors/id/...` or a `cpan:///distfile/` resource. */
export function parseDistfile(input: string): DistfileInfo | DistfileFailure {
  let path = input.trim();
  if (path.startsWith(RESOURCE_PREFIX)) path = path.slice(RESOURCE_PREFIX.length);
  path = path
    .replace(/\/\/+/g, "/")
    .replace(/^(?:(?:.*?\/)?authors\/)?id\//, "")
    .replace(/^([A-Z])\/(\1[A-Z])\/(?=\2[-A-Z0-9]*\/)/, "");
  const slash = path.indexOf("/");
  const author = slash > 0 ? path.slice(0, slash) : "";
  if (!AUTHOR.test(author)) {
    return {
      ok: false,
      reason: "no-author",
      message: `${EXPECTED}, got ${JSON.stringify(input)} (no author directory)`,
    };
  }
  const filename = path.slice(slash + 1);
  const archive = ARCHIVE.exec(filename);
  if (!archive?.[1] || !archive[2]) {
    return {
      ok: false,
      reason: "not-an-archive",
      message: `${EXPECTED}, got ${JSON.stringify(input)} (not a .tar.gz, .tgz, .tar.bz2, .tar.xz or .zip file)`,
    };
  }
  const distvname = archive[1];
  const { dist, version, dev } = distnameInfo(distvname);
  // CPAN::DistnameInfo calls `-1.23` or `1.23` a dist name; nothing can be counted against that.
  if (!/^[A-Za-z0-9]/.test(dist) || !/[A-Za-z]/.test(dist)) {
    return {
      ok: false,
      reason: "empty-dist",
      message: `${EXPECTED}, got ${JSON.stringify(input)} (empty distribution name)`,
    };
  }
  const maturity: DistMaturity = dev === undefined ? distMaturity(version, distvname) : dev ? "dev" : "stable";
  return { ok: true, author, dist, version, maturity, filename, distvname, extension: archive[2] };
}

/** Dev when the version has an underscore or either the version or the file name ends in `-TRIAL`. */
export function distMaturity(version: string, filename?: string): DistMaturity {
  const distvname = filename?.replace(ARCHIVE, "$1");
  const trial = /-TRIAL\d*$/;
  return version.includes("_") || trial.test(version) || (distvname !== undefined && trial.test(distvname))
    ? "dev"
    : "stable";
}

/**
 * `distname_info` of CPAN::DistnameInfo. `dev` is only decided for perl's own tarballs
 * (odd minor, or an RC/TRIAL); other files leave it to {@link distMaturity}.
 */
function distnameInfo(distvname: string): { dist: string; version: string; dev?: boolean } {
  const match = DIST_VERSION.exec(distvname);
  if (!match) return { dist: distvname, version: "" };
  let dist = match[1] ?? "";
  let version = match[2] ?? "";
  if (version === "" && dist.endsWith("-undef")) dist = dist.slice(0, -"-undef".length);
  version = version.replace(/-withoutworldwriteables$/, "");
  // Unicode-Collate-Standard-V3_1_1-0.1: the V3_1_1 belongs to the name.
  let m = /^(-[Vv].*)-(\d.*)/s.exec(version);
  if (m) [dist, version] = [dist + (m[1] ?? ""), m[2] ?? ""];
  // Task-Deprecations5_14-1.00: the 5_14 belongs to the name.
  m = /(.+_.*)-(\d.*)/s.exec(version);
  if (m) [dist, version] = [dist + (m[1] ?? ""), m[2] ?? ""];
  dist = dist.replace(/\.pm$/, ""); // CGI.pm-3.49
  if (version === "") {
    m = /-(\d+\w)$/.exec(dist);
    if (m) [dist, version] = [dist.slice(0, m.index), m[1] ?? ""];
  }
  if (/^\d+$/.test(version)) {
    m = /-(\w+)$/.exec(dist);
    if (m) [dist, version] = [dist.slice(0, m.index), (m[1] ?? "") + version];
  }
  version = version.replace(/\d\.\d/.test(version) ? /^[-_.]+/ : /^[-_]+/, "");
  if (version === "") return { dist, version };
  const perl = /^perl-?\d+\.(\d+)(?:\D(\d+))?(-(?:TRIAL|RC)\d+)?$/.exec(distvname);
  if (!perl) return { dist, version };
  const minor = Number(perl[1]);
  const sub = Number(perl[2] ?? 0);
  return { dist, version, dev: (minor > 6 && minor % 2 === 1) || sub >= 50 || perl[3] !== undefined };
}
